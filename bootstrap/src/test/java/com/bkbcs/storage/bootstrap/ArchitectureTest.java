package com.bkbcs.storage.bootstrap;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JODATIME;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The architecture rules of STYLE.md; bootstrap sees every production class of every module. */
@AnalyzeClasses(packages = "com.bkbcs.storage",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {
    /** Test jars of other modules (adapters-http's, used by end-to-end tests) are tests too, outside the reactor. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String ROOT = "com.bkbcs.storage";

    @ArchTest
    static final ArchRule onion = onionArchitecture()
            .domainModels(ROOT + ".domain..")
            .domainServices(ROOT + ".domain..")
            .applicationServices(ROOT + ".application..")
            .adapter("http", ROOT + ".adapters.http..")
            .adapter("mongo", ROOT + ".adapters.mongo..")
            .adapter("zookeeper", ROOT + ".adapters.zookeeper..")
            .adapter("memory", ROOT + ".adapters.memory..")
            .adapter("httpclient", ROOT + ".adapters.httpclient..")
            .withOptionalLayers(true)
            // the composition root builds every ring; nothing may depend on it (rule below)
            .ignoreDependency(JavaClass.Predicates.resideInAPackage(ROOT + ".bootstrap.."), DescribedPredicate.alwaysTrue());

    @ArchTest
    static final ArchRule nothingDependsOnTheCompositionRoot = noClasses().that().resideOutsideOfPackage(ROOT + ".bootstrap..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".bootstrap..");

    @ArchTest
    static final ArchRule domainDependsOnTheJdkOnly = classes().that().resideInAPackage(ROOT + ".domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".domain..", "java..");

    @ArchTest
    static final ArchRule applicationDependsOnDomainAndSlf4jOnly = classes().that().resideInAPackage(ROOT + ".application..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage(ROOT + ".domain..", ROOT + ".application..", "java..", "org.slf4j..");

    /** The in-memory stores are a product of their own: the JDK, the core, nothing else. */
    @ArchTest
    static final ArchRule memoryAdapterDependsOnTheCoreAndTheJdkOnly = classes().that()
            .resideInAPackage(ROOT + ".adapters.memory..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage(ROOT + ".adapters.memory..", ROOT + ".domain..", ROOT + ".application..", "java..");

    @ArchTest
    static final ArchRule javalinOnlyInHttpAdapter = noClasses().that().resideOutsideOfPackage(ROOT + ".adapters.http..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..");

    /**
     * The client of the API is a product of its own, like the memory stores: the JDK and Jackson, not even
     * the core (it speaks the wire contract; see its package-info).
     */
    @ArchTest
    static final ArchRule httpClientAdapterDependsOnTheJdkAndJacksonOnly = classes().that()
            .resideInAPackage(ROOT + ".adapters.httpclient..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage(ROOT + ".adapters.httpclient..", "java..", "javax.net.ssl..", "com.fasterxml.jackson..");

    /** The command-line client only parses options and prints: its requests go through the client adapter. */
    @ArchTest
    static final ArchRule cliTalksToTheServerThroughTheClientAdapter = noClasses().that()
            .resideInAPackage(ROOT + ".bootstrap.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", ROOT + ".application..", ROOT + ".domain..",
                    ROOT + ".adapters.http..", ROOT + ".adapters.mongo..", ROOT + ".adapters.zookeeper..", ROOT + ".adapters.memory..");

    @ArchTest
    static final ArchRule jacksonOnlyInHttpAdapters = noClasses().that().resideOutsideOfPackages(ROOT + ".adapters.http..",
                    ROOT + ".adapters.httpclient..", ROOT + ".adapters.zookeeper..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule mongoOnlyInMongoAdapter = noClasses().that().resideOutsideOfPackage(ROOT + ".adapters.mongo..")
            .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..", "de.bwaldvogel..", "org.h2..");

    @ArchTest
    static final ArchRule zookeeperOnlyInZookeeperAdapter = noClasses().that()
            .resideOutsideOfPackage(ROOT + ".adapters.zookeeper..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.curator..", "org.apache.zookeeper..");

    /** Request metrics are recorded where requests are seen; store metrics are a decorator wired in bootstrap. */
    @ArchTest
    static final ArchRule micrometerOnlyInHttpAdapterAndBootstrap = noClasses().that()
            .resideOutsideOfPackages(ROOT + ".adapters.http..", ROOT + ".bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..");

    /** The Prometheus registry is chosen by the composition root; the HTTP adapter only serves its text. */
    @ArchTest
    static final ArchRule prometheusOnlyInBootstrap = noClasses().that().resideOutsideOfPackage(ROOT + ".bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage("io.prometheus..", "io.micrometer.prometheusmetrics..");

    /** PEM files are read where TLS is set up. */
    @ArchTest
    static final ArchRule bouncyCastleOnlyInHttpAdapter = noClasses().that().resideOutsideOfPackage(ROOT + ".adapters.http..")
            .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..");

    /** Breakers and bulkheads decorate the outbound ports where they are wired. */
    @ArchTest
    static final ArchRule resilience4jOnlyInBootstrap = noClasses().that().resideOutsideOfPackage(ROOT + ".bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage("io.github.resilience4j..");

    @ArchTest
    static final ArchRule picocliOnlyInBootstrap = noClasses().that().resideOutsideOfPackage(ROOT + ".bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage("picocli..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching(ROOT + ".(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule useCasesAreInterfacesNamedUseCase = classes().that().resideInAPackage(ROOT + ".application.port.in..")
            .and().areTopLevelClasses()
            .should().beInterfaces().andShould().haveSimpleNameEndingWith("UseCase");

    @ArchTest
    static final ArchRule useCaseImplementationsAreServices = classes().that()
            .implement(DescribedPredicate.describe("a use case", (JavaClass c) -> c.getSimpleName().endsWith("UseCase")))
            .should().haveSimpleNameEndingWith("Service").andShould().resideInAPackage(ROOT + ".application.service..");

    /** Ports are the core's promises; how a service keeps them is not theirs to know. */
    @ArchTest
    static final ArchRule portsNeverDependOnServices = noClasses().that().resideInAPackage(ROOT + ".application.port..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".application.service..");

    /** Adapters talk to the core through its ports; only the composition root builds services. */
    @ArchTest
    static final ArchRule adaptersNeverDependOnServices = noClasses().that().resideInAPackage(ROOT + ".adapters..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".application.service..");

    /** The inputs of use cases are values: commands and queries are records. */
    @ArchTest
    static final ArchRule commandsAndQueriesAreRecords = classes().that().resideInAPackage(ROOT + ".application.port.in..")
            .and().haveSimpleNameEndingWith("Command").or().haveSimpleNameEndingWith("Query")
            .and().resideInAPackage(ROOT + ".application.port.in..")
            .should().beRecords();

    @ArchTest
    static final ArchRule outboundPortsHaveNoPortSuffix = classes().that().resideInAPackage(ROOT + ".application.port.out..")
            .should().beInterfaces().andShould().haveSimpleNameNotEndingWith("Port");

    @ArchTest
    static final ArchRule noStandardStreams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noGenericExceptions = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule noJodaTime = NO_CLASSES_SHOULD_USE_JODATIME;

    @ArchTest
    static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
}
