package com.bkbcs.storage.domain.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Query-string values are text, while reported data holds typed JSON. A parameter value therefore
 * stands for the string itself and, where the text spells one, the number or boolean it spells:
 * {@code ?data.spec.replicas=3} finds both {@code "3"} and {@code 3}.
 */
public final class ParameterValues {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    private ParameterValues() {
    }

    /** The candidates one comma-separated parameter stands for, "any of" its items. */
    public static List<Object> candidates(List<String> items) {
        List<Object> values = new ArrayList<>();
        for (String item : items) {
            values.add(item);
            if (INTEGER.matcher(item).matches()) {
                values.add(Long.parseLong(item));
            } else if (DECIMAL.matcher(item).matches()) {
                values.add(Double.parseDouble(item));
            } else if (item.equals("true") || item.equals("false")) {
                values.add(Boolean.parseBoolean(item));
            }
        }
        return values;
    }
}
