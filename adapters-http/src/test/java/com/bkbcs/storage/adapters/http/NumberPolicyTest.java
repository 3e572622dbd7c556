package com.bkbcs.storage.adapters.http;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers come back with the value they were sent with: a decimal a double holds exactly as that
 * double, any other decimal of up to 34 significant digits with every digit, a longer one as the
 * nearest double; beyond a double's range, bad input that stores nothing.
 */
class NumberPolicyTest extends DynamicApiFixture {

    @Test
    void decimalsKeepTheirValue() {
        String one = nsPath(BASES.get(0), "ns", "Pod") + "/numbers";
        assertSuccess(http.put(one, """
                {"data": {"half": 0.5, "big": 2.5e3, "seventeen": 0.30000000000000001,
                          "long": 0.1000000000000000055511151231257827021181583404541015625, "int": 12345678901234567890}}"""));

        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) store.find(
                com.bkbcs.storage.domain.ResourceKey.namespaced(cluster, "ns", "Pod", "numbers")).orElseThrow().data();
        assertThat(data.get("half")).isEqualTo(0.5);
        assertThat(data.get("big")).isEqualTo(2500.0);
        assertThat(data.get("seventeen")).isEqualTo(new BigDecimal("0.30000000000000001"));
        assertThat(data.get("long")).isEqualTo(0.1);
        assertThat(http.get(one).body()).contains("\"seventeen\":0.30000000000000001", "\"half\":0.5",
                "\"int\":12345678901234567890");
    }

    @Test
    void aNumberBeyondADoublesRangeIsRefusedAndStoresNothing() {
        String one = nsPath(BASES.get(0), "ns", "Pod") + "/huge";
        assertFailure(http.put(one, "{\"data\": {\"x\": 1e999}}"), 400, 10003, "Put resource failed: numbers must be finite",
                false);
        assertThat(http.get(one).status()).isEqualTo(404);
    }
}
