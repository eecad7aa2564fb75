package io.etwcorr.collector.selftest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The self-test's activity on this host, from this process: resolves a name, opens a TCP
 * connection over IPv4 loopback to a listener it starts, sends and receives fixed byte counts, and
 * starts a child process and waits for it. Runs on any OS; only the events it causes need Windows.
 */
public final class HostStimulus implements SelftestStimulus {
    public static final int BYTES_TO_LISTENER = 1_000;
    public static final int BYTES_FROM_LISTENER = 2_000;
    /** A child every Windows host has that exits at once with a known code. */
    public static final List<String> WINDOWS_CHILD = List.of("cmd.exe", "/c", "exit 3");
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final long CHILD_TIMEOUT_SECONDS = 30;

    private final String name;
    private final List<String> childCommand;

    public HostStimulus(String name, List<String> childCommand) {
        this.name = name;
        this.childCommand = List.copyOf(childCommand);
    }

    @Override
    public StimulusReport perform() throws IOException, InterruptedException {
        List<String> addresses = resolve();
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        int listenerPort;
        int clientPort;
        try (ServerSocket listener = new ServerSocket(0, 1, loopback)) {
            listener.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            listenerPort = listener.getLocalPort();
            try (Socket client = new Socket(loopback, listenerPort); Socket accepted = listener.accept()) {
                client.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                accepted.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                clientPort = client.getLocalPort();
                exchange(client.getOutputStream(), accepted.getInputStream(), BYTES_TO_LISTENER);
                exchange(accepted.getOutputStream(), client.getInputStream(), BYTES_FROM_LISTENER);
            }
        }
        Process child = new ProcessBuilder(childCommand).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new IOException(String.join(" ", childCommand) + " did not exit within " + CHILD_TIMEOUT_SECONDS + " s");
        }
        return new StimulusReport((int) ProcessHandle.current().pid(), name, addresses,
                loopback.getHostAddress(), listenerPort, clientPort, BYTES_TO_LISTENER, BYTES_FROM_LISTENER,
                (int) child.pid(), imageName(childCommand.get(0)), child.exitValue());
    }

    private List<String> resolve() {
        try {
            return Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).toList();
        } catch (UnknownHostException e) {
            return List.of(); // the lookup still happened: the check says what its events show
        }
    }

    /** Writes {@code count} bytes on one side and reads them all on the other, so both directions are whole. */
    private static void exchange(OutputStream from, InputStream to, int count) throws IOException {
        from.write(new byte[count]);
        from.flush();
        if (to.readNBytes(count).length != count) {
            throw new IOException("the loopback connection closed before " + count + " bytes arrived");
        }
    }

    /** {@code cmd.exe} of {@code C:\Windows\System32\cmd.exe} or {@code cmd}; Windows adds the {@code .exe}. */
    static String imageName(String command) {
        String file = Path.of(command.replace('\\', '/')).getFileName().toString();
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return windows && !file.contains(".") ? file + ".exe" : file;
    }
}
