package io.etwcorr.jobs.normalize;

/**
 * Entity ids: one process instance for its whole life, also after its PID is reused
 * (docs/contract/outputs.md, "Identity of a process").
 *
 * <ul>
 *   <li>{@code <host>:s<ProcessSequenceNumber>} when the event has the sequence number, e.g.
 *       {@code WS-0042:s9981};
 *   <li>{@code <host>:p<PID>:<CreateTime µs>} otherwise, e.g. {@code WS-0042:p7312:1795633627120001};
 *   <li>{@code <host>:g<ProcessGuid>} from Sysmon, lower case without braces, e.g.
 *       {@code WS-0042:g5770385f-c22a-43e0-bf4c-06f5698ffbd9}.
 * </ul>
 *
 * Numbers are unsigned decimal (CreateTime signed). Host names never contain {@code :}, so the
 * text splits unambiguously.
 */
public final class EntityIds {

    private EntityIds() {}

    /** The id from the sequence number when known ({@code processSeq != -1}), else from PID and CreateTime. */
    public static String of(String host, long processSeq, long pid, long createTime) {
        return processSeq != -1 ? ofSequence(host, processSeq) : host + ":p" + pid + ":" + createTime;
    }

    /** The id of the process with this ProcessSequenceNumber on {@code host}. */
    public static String ofSequence(String host, long processSeq) {
        return host + ":s" + Long.toUnsignedString(processSeq);
    }

    /** The id of the process Sysmon names {@code processGuid} (lower case, no braces) on {@code host}. */
    public static String ofGuid(String host, String processGuid) {
        return host + ":g" + processGuid;
    }
}
