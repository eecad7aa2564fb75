package io.etwcorr.collector.etw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid.GUID;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** The binding interfaces have the Win32 signatures (TRACEHANDLE as long), checked without loading any DLL. */
class EtwBindingsTest {
    @Test
    void advapi32Signatures() throws NoSuchMethodException {
        assertThat(Library.class).isAssignableFrom(Advapi32Etw.class);
        assertReturns(int.class, Advapi32Etw.class.getMethod("StartTraceW",
                LongByReference.class, WString.class, EVENT_TRACE_PROPERTIES.class));
        assertReturns(int.class, Advapi32Etw.class.getMethod("ControlTraceW",
                long.class, WString.class, EVENT_TRACE_PROPERTIES.class, int.class));
        assertReturns(int.class, Advapi32Etw.class.getMethod("EnableTraceEx2", long.class, GUID.class, int.class,
                byte.class, long.class, long.class, int.class, ENABLE_TRACE_PARAMETERS.class));
        assertReturns(long.class, Advapi32Etw.class.getMethod("OpenTraceW", EVENT_TRACE_LOGFILEW.class));
        assertReturns(int.class, Advapi32Etw.class.getMethod("ProcessTrace",
                long[].class, int.class, Pointer.class, Pointer.class));
        assertReturns(int.class, Advapi32Etw.class.getMethod("CloseTrace", long.class));
        assertThat(Advapi32Etw.class.getDeclaredMethods()).hasSize(6);
    }

    @Test
    void tdhSignatures() throws NoSuchMethodException {
        assertThat(Library.class).isAssignableFrom(Tdh.class);
        assertReturns(int.class, Tdh.class.getMethod("TdhEnumerateProviders", Pointer.class, IntByReference.class));
        assertReturns(int.class, Tdh.class.getMethod("TdhGetEventInformation",
                Pointer.class, int.class, Pointer.class, Pointer.class, IntByReference.class));
        assertThat(Tdh.class.getDeclaredMethods()).hasSize(2);
    }

    @Test
    void eventRecordCallbackTakesTheRecordPointer() throws NoSuchMethodException, NoSuchFieldException {
        assertThat(Callback.class).isAssignableFrom(EventRecordCallback.class);
        assertReturns(void.class, EventRecordCallback.class.getMethod("invoke", Pointer.class));
        assertThat(EventRecordCallback.class.getDeclaredMethods()).hasSize(1);
        assertThat(EVENT_TRACE_LOGFILEW.class.getField("EventRecordCallback").getType()).isEqualTo(EventRecordCallback.class);
    }

    @Test
    void librariesAreRefusedOffWindowsInsteadOfLoaded() {
        assumeFalse(Platform.isWindows());
        assertThatThrownBy(EtwLibraries::advapi32).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("only available on Windows");
        assertThatThrownBy(EtwLibraries::tdh).isInstanceOf(UnsupportedOperationException.class);
    }

    private static void assertReturns(Class<?> type, Method method) {
        assertThat(method.getReturnType()).as(method.getName() + " return type").isEqualTo(type);
    }
}
