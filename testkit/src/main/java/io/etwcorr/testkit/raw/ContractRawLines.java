package io.etwcorr.testkit.raw;

import java.util.List;

/** Raw-event lines in the contract's form for the integration tests that feed a broker. */
public final class ContractRawLines {
    public static final String RUN = "3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10";

    private ContractRawLines() {}

    /** The four examples of docs/contract/raw-events.md: a process start, its DNS answer, its connect and a send. */
    public static List<String> examples() {
        return List.of(
                line(17, 1795633627123456L, "Microsoft-Windows-Kernel-Process", 1, 3, 5120,
                        "{\"ProcessID\":7312,\"ProcessSequenceNumber\":9981,\"CreateTime\":1795633627120001,"
                                + "\"ParentProcessID\":5120,\"ParentProcessSequenceNumber\":9012,\"SessionID\":1,"
                                + "\"ImageName\":\"\\\\Device\\\\HarddiskVolume3\\\\Windows\\\\System32\\\\rundll32.exe\"}",
                        ",\"x\":{\"image\":\"C:\\\\Windows\\\\System32\\\\rundll32.exe\"}"),
                line(18, 1795633628000000L, "Microsoft-Windows-DNS-Client", 3008, 0, 7312,
                        "{\"QueryName\":\"cdn.evil.example\",\"QueryType\":1,\"QueryOptions\":0,\"QueryStatus\":0,"
                                + "\"QueryResults\":\"::ffff:203.0.113.7;\"}", ""),
                line(19, 1795633628051000L, "Microsoft-Windows-Kernel-Network", 12, 0, -1,
                        "{\"PID\":7312,\"size\":0,\"daddr\":\"203.0.113.7\",\"saddr\":\"10.0.0.42\",\"dport\":443,"
                                + "\"sport\":50123,\"mss\":1460,\"sackopt\":1,\"tsopt\":0,\"wsopt\":1,\"rcvwin\":65535,"
                                + "\"rcvwinscale\":8,\"sndwinscale\":8,\"seqnum\":0,\"connid\":4096}", ""),
                line(20, 1795633628093000L, "Microsoft-Windows-Kernel-Network", 10, 0, -1,
                        "{\"PID\":7312,\"size\":517,\"daddr\":\"203.0.113.7\",\"saddr\":\"10.0.0.42\",\"dport\":443,"
                                + "\"sport\":50123,\"startime\":0,\"endtime\":0,\"seqnum\":1,\"connid\":4096}", ""));
    }

    /** One line of host WS-0042 in run {@link #RUN}; {@code extra} is appended to the envelope (e.g. an x object). */
    public static String line(long seq, long ts, String provider, int id, int ver, int pid, String props, String extra) {
        return "{\"v\":1,\"host\":\"WS-0042\",\"run\":\"" + RUN + "\",\"seq\":" + seq + ",\"ts\":" + ts
                + ",\"provider\":\"" + provider + "\",\"id\":" + id + ",\"ver\":" + ver + ",\"pid\":" + pid
                + ",\"tid\":-1,\"props\":" + props + extra + "}";
    }
}
