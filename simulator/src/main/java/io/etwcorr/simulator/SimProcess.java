package io.etwcorr.simulator;

/**
 * One simulated process instance.
 *
 * @param pid            its PID (reused by later processes once it exits)
 * @param sequence       its ProcessSequenceNumber, unique per boot
 * @param parentPid      the PID of the process that started it
 * @param parentSequence the ProcessSequenceNumber of that process
 * @param createTime     its CreateTime, µs since the Unix epoch
 * @param image          its executable
 * @param commandLine    its command line
 * @param user           {@code DOMAIN\\user} of its token
 * @param session        its session id
 * @param mainThread     the id of its first thread, the thread its events are logged on
 */
record SimProcess(
        int pid,
        long sequence,
        int parentPid,
        long parentSequence,
        long createTime,
        ProcessImage image,
        String commandLine,
        String user,
        int session,
        int mainThread) {

    /** The contract's entity id of this process on {@code host}: {@code <host>:s<ProcessSequenceNumber>}. */
    String entityId(String host) {
        return host + ":s" + sequence;
    }

    String name() {
        return image.name();
    }
}
