package io.etwcorr.collector.enrich;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import java.nio.charset.StandardCharsets;

/**
 * {@link HostQueries} through kernel32, advapi32 and ntdll. Only limited-query access is asked for,
 * which a service running as LocalSystem has on every process but protected ones.
 */
public final class NativeHostQueries implements HostQueries {
    private static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    /** PROCESSINFOCLASS ProcessCommandLineInformation (Windows 8.1 and later). */
    private static final int PROCESS_COMMAND_LINE_INFORMATION = 60;
    private static final int STATUS_INFO_LENGTH_MISMATCH = 0xC0000004;
    /** UNICODE_STRING on x64: Length, MaximumLength (USHORT), padding, Buffer (pointer). */
    private static final int UNICODE_STRING_SIZE = 16;
    private static final int UNICODE_STRING_BUFFER = 8;
    /** A UNICODE_STRING holds at most 32767 characters. */
    private static final int MAX_COMMAND_LINE_BUFFER = UNICODE_STRING_SIZE + 65536;
    private static final int DEVICE_TARGET_CHARS = 1024;
    private static final String CURRENT_VERSION_KEY = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
    /** The first Windows 11 build; its registry still says "Windows 10" in ProductName. */
    private static final int FIRST_WINDOWS_11_BUILD = 22000;

    /** The one ntdll call jna-platform does not declare. */
    interface NtDll extends Library {
        int NtQueryInformationProcess(WinNT.HANDLE process, int informationClass, Pointer information, int length,
                IntByReference returnLength);
    }

    // Loaded at the first command-line lookup, so constructing this costs nothing off Windows.
    private static final class NtDllHolder {
        static final NtDll INSTANCE = Native.load("ntdll", NtDll.class);
    }

    @Override
    public String dosDeviceTarget(String drive) {
        char[] target = new char[DEVICE_TARGET_CHARS];
        int length = Kernel32.INSTANCE.QueryDosDevice(drive, target, target.length);
        if (length == 0) {
            return null;
        }
        // A list of NUL-terminated targets; the first is the current one.
        return Native.toString(target);
    }

    @Override
    public String commandLine(int pid) {
        WinNT.HANDLE process = Kernel32.INSTANCE.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, pid);
        if (process == null) {
            return null;
        }
        try {
            IntByReference needed = new IntByReference();
            Memory buffer = new Memory(4096);
            int status = NtDllHolder.INSTANCE.NtQueryInformationProcess(process, PROCESS_COMMAND_LINE_INFORMATION, buffer,
                    (int) buffer.size(), needed);
            if (status == STATUS_INFO_LENGTH_MISMATCH && needed.getValue() <= MAX_COMMAND_LINE_BUFFER) {
                buffer = new Memory(needed.getValue());
                status = NtDllHolder.INSTANCE.NtQueryInformationProcess(process, PROCESS_COMMAND_LINE_INFORMATION, buffer,
                        (int) buffer.size(), needed);
            }
            return status == 0 ? unicodeStringIn(buffer) : null;
        } finally {
            Kernel32.INSTANCE.CloseHandle(process);
        }
    }

    @Override
    public String tokenUserSid(int pid) {
        WinNT.HANDLE process = Kernel32.INSTANCE.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, pid);
        if (process == null) {
            return null;
        }
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        try {
            if (!Advapi32.INSTANCE.OpenProcessToken(process, WinNT.TOKEN_QUERY, token)) {
                return null;
            }
            try {
                IntByReference size = new IntByReference();
                Advapi32.INSTANCE.GetTokenInformation(token.getValue(), WinNT.TOKEN_INFORMATION_CLASS.TokenUser, null, 0,
                        size);
                if (size.getValue() == 0) {
                    return null;
                }
                WinNT.TOKEN_USER user = new WinNT.TOKEN_USER(size.getValue());
                if (!Advapi32.INSTANCE.GetTokenInformation(token.getValue(), WinNT.TOKEN_INFORMATION_CLASS.TokenUser,
                        user, size.getValue(), size)) {
                    return null;
                }
                return Advapi32Util.convertSidToStringSid(user.User.Sid);
            } finally {
                Kernel32.INSTANCE.CloseHandle(token.getValue());
            }
        } catch (Win32Exception e) {
            return null;
        } finally {
            Kernel32.INSTANCE.CloseHandle(process);
        }
    }

    @Override
    public String accountName(String sid) {
        try {
            Advapi32Util.Account account = Advapi32Util.getAccountBySid(sid);
            return account.domain == null || account.domain.isEmpty() ? account.name : account.domain + "\\" + account.name;
        } catch (Win32Exception e) {
            return null;
        }
    }

    @Override
    public String windowsVersion() {
        try {
            return describeWindows(registryString("ProductName"), registryString("DisplayVersion"),
                    registryString("CurrentBuild"), registryInt("UBR"));
        } catch (Win32Exception e) {
            return null;
        }
    }

    /**
     * {@code Windows 11 Pro 23H2, build 22631.3447} from the CurrentVersion values; null ones are
     * left out (DisplayVersion exists from 20H2, ReleaseId before it, UBR from Windows 10).
     */
    static String describeWindows(String productName, String displayVersion, String currentBuild, Integer ubr) {
        String product = productName == null ? "Windows" : productName;
        if (product.startsWith("Windows 10") && currentBuild != null && currentBuild.matches("\\d+")
                && Integer.parseInt(currentBuild) >= FIRST_WINDOWS_11_BUILD) {
            product = "Windows 11" + product.substring("Windows 10".length());
        }
        StringBuilder text = new StringBuilder(product);
        if (displayVersion != null) {
            text.append(' ').append(displayVersion);
        }
        if (currentBuild != null) {
            text.append(", build ").append(currentBuild);
            if (ubr != null) {
                text.append('.').append(ubr);
            }
        }
        return text.toString();
    }

    private static String registryString(String value) {
        return Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, CURRENT_VERSION_KEY, value)
                ? Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE, CURRENT_VERSION_KEY, value) : null;
    }

    private static Integer registryInt(String value) {
        return Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, CURRENT_VERSION_KEY, value)
                ? Advapi32Util.registryGetIntValue(WinReg.HKEY_LOCAL_MACHINE, CURRENT_VERSION_KEY, value) : null;
    }

    /** The UNICODE_STRING at the start of {@code buffer}, read only if its characters lie inside the buffer. */
    private static String unicodeStringIn(Memory buffer) {
        int length = Short.toUnsignedInt(buffer.getShort(0));
        long start = Pointer.nativeValue(buffer.getPointer(UNICODE_STRING_BUFFER)) - Pointer.nativeValue(buffer);
        if (start < UNICODE_STRING_SIZE || start + length > buffer.size()) {
            return null;
        }
        return new String(buffer.getByteArray(start, length), StandardCharsets.UTF_16LE);
    }
}
