package io.etwcorr.collector.service;

import com.sun.jna.Platform;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import java.util.List;

/**
 * Registers and removes the collector's Windows service: its own process, started automatically,
 * running as LocalSystem (the account that may start a real-time ETW session with the kernel
 * providers and read other processes' command lines).
 */
public final class ServiceInstaller {
    private static final int ERROR_SERVICE_DOES_NOT_EXIST = 1060;

    private ServiceInstaller() {}

    public static void install(String serviceName, String displayName, String description, List<String> command) {
        requireWindows();
        Winsvc.SC_HANDLE manager = openManager();
        try {
            Winsvc.SC_HANDLE service = Advapi32.INSTANCE.CreateService(manager, serviceName, displayName,
                    Winsvc.SERVICE_ALL_ACCESS, WinNT.SERVICE_WIN32_OWN_PROCESS, WinNT.SERVICE_AUTO_START,
                    WinNT.SERVICE_ERROR_NORMAL, ServiceCommandLine.of(command), null, null, null, null, null);
            if (service == null) {
                throw new IllegalStateException("CreateService failed with error " + Kernel32.INSTANCE.GetLastError());
            }
            Winsvc.SERVICE_DESCRIPTION text = new Winsvc.SERVICE_DESCRIPTION();
            text.lpDescription = description;
            Advapi32.INSTANCE.ChangeServiceConfig2(service, Winsvc.SERVICE_CONFIG_DESCRIPTION, text);
            Advapi32.INSTANCE.CloseServiceHandle(service);
        } finally {
            Advapi32.INSTANCE.CloseServiceHandle(manager);
        }
    }

    /** Removes the service; the SCM deletes it once it has stopped. Returns false when there was none. */
    public static boolean uninstall(String serviceName) {
        requireWindows();
        Winsvc.SC_HANDLE manager = openManager();
        try {
            Winsvc.SC_HANDLE service = Advapi32.INSTANCE.OpenService(manager, serviceName, Winsvc.SERVICE_ALL_ACCESS);
            if (service == null) {
                int error = Kernel32.INSTANCE.GetLastError();
                if (error == ERROR_SERVICE_DOES_NOT_EXIST) {
                    return false;
                }
                throw new IllegalStateException("OpenService failed with error " + error);
            }
            try {
                Advapi32.INSTANCE.ControlService(service, Winsvc.SERVICE_CONTROL_STOP, new Winsvc.SERVICE_STATUS());
                if (!Advapi32.INSTANCE.DeleteService(service)) {
                    throw new IllegalStateException("DeleteService failed with error " + Kernel32.INSTANCE.GetLastError());
                }
                return true;
            } finally {
                Advapi32.INSTANCE.CloseServiceHandle(service);
            }
        } finally {
            Advapi32.INSTANCE.CloseServiceHandle(manager);
        }
    }

    private static Winsvc.SC_HANDLE openManager() {
        Winsvc.SC_HANDLE manager = Advapi32.INSTANCE.OpenSCManager(null, null, Winsvc.SC_MANAGER_ALL_ACCESS);
        if (manager == null) {
            throw new IllegalStateException("OpenSCManager failed with error " + Kernel32.INSTANCE.GetLastError()
                    + " (installing a service needs an elevated administrator)");
        }
        return manager;
    }

    private static void requireWindows() {
        if (!Platform.isWindows()) {
            throw new UnsupportedOperationException("Windows services exist on Windows only");
        }
    }
}
