package io.etwcorr.collector.etw;

import io.etwcorr.schemas.etw.EtwProvider;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Microsoft-Windows-Kernel-Process ProcessStart (1, v0–v5), ProcessStop (2, v0–v2), ThreadStart
 * (3, v0/v1) and ProcessRundown (15, the layout of ProcessStart v2). Each version extends the
 * previous one; the decoders branch on the version where fields were added.
 */
public final class KernelProcessDecoder {
    static final int PROCESS_START = 1;
    static final int PROCESS_STOP = 2;
    static final int THREAD_START = 3;
    static final int PROCESS_RUNDOWN = 15;
    private static final int PROCESS_START_MAX_VERSION = 5;
    private static final int PROCESS_STOP_MAX_VERSION = 2;
    private static final int THREAD_START_MAX_VERSION = 1;
    /** ProcessRundown v0 has the fields of ProcessStart v2. */
    private static final int RUNDOWN_AS_START_VERSION = 2;

    private KernelProcessDecoder() {
    }

    /** The decoders of every Kernel-Process layout, by event. */
    public static Map<EventKey, PayloadDecoder> decoders() {
        UUID provider = EtwProvider.KERNEL_PROCESS.guid();
        Map<EventKey, PayloadDecoder> decoders = new HashMap<>();
        for (int version = 0; version <= PROCESS_START_MAX_VERSION; version++) {
            int v = version;
            decoders.put(new EventKey(provider, PROCESS_START, v), payload -> processStart(payload, v));
        }
        for (int version = 0; version <= PROCESS_STOP_MAX_VERSION; version++) {
            int v = version;
            decoders.put(new EventKey(provider, PROCESS_STOP, v), payload -> processStop(payload, v));
        }
        for (int version = 0; version <= THREAD_START_MAX_VERSION; version++) {
            decoders.put(new EventKey(provider, THREAD_START, version), KernelProcessDecoder::threadStart);
        }
        decoders.put(new EventKey(provider, PROCESS_RUNDOWN, 0), payload -> processStart(payload, RUNDOWN_AS_START_VERSION));
        return decoders;
    }

    /** ProcessStart of {@code version}, and ProcessRundown (as version 2). */
    static LinkedHashMap<String, Object> processStart(PayloadReader payload, int version) throws PayloadException {
        LinkedHashMap<String, Object> props = new LinkedHashMap<>();
        props.put("ProcessID", payload.u32("ProcessID"));
        if (version >= 3) {
            props.put("ProcessSequenceNumber", payload.u64("ProcessSequenceNumber"));
        }
        props.put("CreateTime", payload.filetimeMicros("CreateTime"));
        props.put("ParentProcessID", payload.u32("ParentProcessID"));
        if (version >= 3) {
            props.put("ParentProcessSequenceNumber", payload.u64("ParentProcessSequenceNumber"));
        }
        props.put("SessionID", payload.u32("SessionID"));
        if (version >= 1) {
            props.put("Flags", payload.u32("Flags"));
        }
        if (version >= 3) {
            props.put("ProcessTokenElevationType", payload.u32("ProcessTokenElevationType"));
            props.put("ProcessTokenIsElevated", payload.u32("ProcessTokenIsElevated"));
            props.put("MandatoryLabel", payload.sid("MandatoryLabel"));
        }
        props.put("ImageName", payload.unicodeString("ImageName"));
        if (version >= 2) {
            props.put("ImageChecksum", payload.u32("ImageChecksum"));
            props.put("TimeDateStamp", payload.u32("TimeDateStamp"));
            props.put("PackageFullName", payload.unicodeString("PackageFullName"));
            props.put("PackageRelativeAppId", payload.unicodeString("PackageRelativeAppId"));
        }
        if (version >= 4) {
            props.put("SecurityMitigations", payload.u32("SecurityMitigations"));
        }
        if (version >= 5) {
            props.put("PartitionID", payload.u32("PartitionID"));
            props.put("ProcessMachine", payload.u16("ProcessMachine"));
        }
        return props;
    }

    /** ProcessStop of {@code version}; its ImageName is the kernel's short ANSI name. */
    static LinkedHashMap<String, Object> processStop(PayloadReader payload, int version) throws PayloadException {
        LinkedHashMap<String, Object> props = new LinkedHashMap<>();
        props.put("ProcessID", payload.u32("ProcessID"));
        if (version >= 2) {
            props.put("ProcessSequenceNumber", payload.u64("ProcessSequenceNumber"));
        }
        props.put("CreateTime", payload.filetimeMicros("CreateTime"));
        props.put("ExitTime", payload.filetimeMicros("ExitTime"));
        props.put("ExitCode", payload.u32("ExitCode"));
        props.put("TokenElevationType", payload.u32("TokenElevationType"));
        props.put("HandleCount", payload.u32("HandleCount"));
        props.put("CommitCharge", payload.u64("CommitCharge"));
        props.put("CommitPeak", payload.u64("CommitPeak"));
        if (version >= 1) {
            props.put("CPUCycleCount", payload.u64("CPUCycleCount"));
            props.put("ReadOperationCount", payload.u32("ReadOperationCount"));
            props.put("WriteOperationCount", payload.u32("WriteOperationCount"));
            props.put("ReadTransferKiloBytes", payload.u32("ReadTransferKiloBytes"));
            props.put("WriteTransferKiloBytes", payload.u32("WriteTransferKiloBytes"));
            props.put("HardFaultCount", payload.u32("HardFaultCount"));
        }
        props.put("ImageName", payload.ansiString("ImageName"));
        return props;
    }

    /** ThreadStart v0 fields; the fields v1 appends are left unread (the jobs do not use them). */
    static LinkedHashMap<String, Object> threadStart(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = new LinkedHashMap<>();
        props.put("ProcessID", payload.u32("ProcessID"));
        props.put("ThreadID", payload.u32("ThreadID"));
        props.put("StackBase", payload.pointer("StackBase"));
        props.put("StackLimit", payload.pointer("StackLimit"));
        props.put("UserStackBase", payload.pointer("UserStackBase"));
        props.put("UserStackLimit", payload.pointer("UserStackLimit"));
        props.put("StartAddr", payload.pointer("StartAddr"));
        props.put("Win32StartAddr", payload.pointer("Win32StartAddr"));
        props.put("TebBase", payload.pointer("TebBase"));
        props.put("SubProcessTag", payload.u32("SubProcessTag"));
        return props;
    }
}
