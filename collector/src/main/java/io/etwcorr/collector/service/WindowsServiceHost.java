package io.etwcorr.collector.service;

import com.sun.jna.Platform;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;

/**
 * Runs a {@link Workload} as the Windows service the SCM started this process for: hands the
 * main thread to StartServiceCtrlDispatcher, whose service main drives {@link ServiceLifecycle}.
 * Windows only; the lifecycle itself is tested everywhere.
 */
public final class WindowsServiceHost {
    private WindowsServiceHost() {}

    /** Blocks until the service stopped. Fails when not started by the SCM (e.g. from a console). */
    public static void run(String serviceName, Workload workload) {
        if (!Platform.isWindows()) {
            throw new UnsupportedOperationException("a Windows service runs on Windows only");
        }
        Winsvc.SERVICE_TABLE_ENTRY entry = new Winsvc.SERVICE_TABLE_ENTRY();
        entry.lpServiceName = serviceName;
        // The callbacks must stay reachable for as long as the dispatcher runs.
        ServiceMain main = new ServiceMain(serviceName, workload);
        entry.lpServiceProc = main;
        Winsvc.SERVICE_TABLE_ENTRY[] table = (Winsvc.SERVICE_TABLE_ENTRY[]) entry.toArray(2);
        if (!Advapi32.INSTANCE.StartServiceCtrlDispatcher(table)) {
            throw new IllegalStateException("StartServiceCtrlDispatcher failed with error "
                    + Kernel32.INSTANCE.GetLastError() + " (is this process started by the Service Control Manager?)");
        }
    }

    private static final class ServiceMain implements Winsvc.SERVICE_MAIN_FUNCTION {
        private final String serviceName;
        private final Workload workload;
        private Winsvc.HandlerEx handler; // a field: the SCM calls it long after registration

        ServiceMain(String serviceName, Workload workload) {
            this.serviceName = serviceName;
            this.workload = workload;
        }

        @Override
        public void callback(int argc, com.sun.jna.Pointer argv) {
            ServiceLifecycle[] lifecycle = new ServiceLifecycle[1];
            handler = (control, eventType, eventData, context) -> lifecycle[0].control(control);
            Winsvc.SERVICE_STATUS_HANDLE status = Advapi32.INSTANCE.RegisterServiceCtrlHandlerEx(serviceName, handler, null);
            lifecycle[0] = new ServiceLifecycle(workload, (state, checkPoint, waitHint, exitCode) -> {
                Winsvc.SERVICE_STATUS report = new Winsvc.SERVICE_STATUS();
                report.dwServiceType = WinNT.SERVICE_WIN32_OWN_PROCESS;
                report.dwCurrentState = state;
                report.dwControlsAccepted = state == ServiceLifecycle.SERVICE_RUNNING
                        ? ServiceLifecycle.SERVICE_ACCEPT_STOP | ServiceLifecycle.SERVICE_ACCEPT_SHUTDOWN : 0;
                report.dwWin32ExitCode = exitCode;
                report.dwServiceSpecificExitCode = exitCode == ServiceLifecycle.ERROR_SERVICE_SPECIFIC_ERROR ? 1 : 0;
                report.dwCheckPoint = checkPoint;
                report.dwWaitHint = waitHint;
                Advapi32.INSTANCE.SetServiceStatus(status, report);
            });
            lifecycle[0].run();
        }
    }
}
