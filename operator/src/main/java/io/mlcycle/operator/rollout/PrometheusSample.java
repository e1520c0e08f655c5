package io.mlcycle.operator.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sample of a Prometheus text page: metric name, labels, value.
 *
 * <p>Why a parser of our own: only a few series of the text format are read, and no well-kept Java library parses it
 * (the Prometheus Java client only writes it).
 */
record PrometheusSample(String name, Map<String, String> labels, double value) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The samples of the series named in {@code names}, in page order; comments and other series are skipped. */
    static List<PrometheusSample> parse(String text, Set<String> names) {
        List<PrometheusSample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (sample.find() && names.contains(sample.group(1))) {
                samples.add(new PrometheusSample(sample.group(1), labels(sample.group(3)),
                        Double.parseDouble(sample.group(4))));
            }
        }
        return samples;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }
}
