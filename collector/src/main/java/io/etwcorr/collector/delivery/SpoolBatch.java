package io.etwcorr.collector.delivery;

import java.util.List;

/**
 * Records read from the head of a {@link DiskSpool}, oldest first, still in the spool until
 * {@link DiskSpool#remove(SpoolBatch)} is called with this batch.
 *
 * @param records the records' bytes, in spool order
 * @param end the position just after the last record
 */
public record SpoolBatch(List<byte[]> records, SpoolPosition end) {

    public boolean isEmpty() {
        return records.isEmpty();
    }

    public int size() {
        return records.size();
    }
}
