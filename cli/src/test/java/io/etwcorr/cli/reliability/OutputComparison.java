package io.etwcorr.cli.reliability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's output topics against a reference run's, as multisets of records: how many records were
 * compared, how many of the reference's are missing, how many are extra (a record twice, or one the
 * reference never wrote).
 */
record OutputComparison(long compared, long missing, long extra, Map<String, String> firstDifferences) {

    static OutputComparison of(Map<String, List<String>> reference, Map<String, List<String>> actual) {
        long compared = 0;
        long missing = 0;
        long extra = 0;
        Map<String, String> firstDifferences = new HashMap<>();
        for (var topic : reference.entrySet()) {
            Map<String, Long> balance = new HashMap<>();
            topic.getValue().forEach(record -> balance.merge(record, 1L, Long::sum));
            List<String> records = actual.get(topic.getKey());
            records.forEach(record -> balance.merge(record, -1L, Long::sum));
            compared += topic.getValue().size();
            for (var record : balance.entrySet()) {
                if (record.getValue() > 0) {
                    missing += record.getValue();
                    firstDifferences.putIfAbsent(topic.getKey(), "missing: " + record.getKey());
                } else if (record.getValue() < 0) {
                    extra -= record.getValue();
                    firstDifferences.putIfAbsent(topic.getKey(), "extra: " + record.getKey());
                }
            }
        }
        return new OutputComparison(compared, missing, extra, firstDifferences);
    }
}
