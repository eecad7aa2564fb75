package io.etwcorr.schemas.etw;

import static io.etwcorr.schemas.etw.EtwProvider.KERNEL_PROCESS;

import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft-Windows-Kernel-Process: event ids, property names and the layout of every version
 * (docs/contract/etw-layouts.md). Each version extends the one before it.
 */
public final class KernelProcess {
    public static final int PROCESS_START = 1;
    public static final int PROCESS_STOP = 2;
    public static final int THREAD_START = 3;
    /** The processes alive when the session starts, logged on a capture-state request. */
    public static final int PROCESS_RUNDOWN = 15;

    public static final String PROCESS_ID = "ProcessID";
    public static final String PROCESS_SEQUENCE_NUMBER = "ProcessSequenceNumber";
    public static final String CREATE_TIME = "CreateTime";
    public static final String PARENT_PROCESS_ID = "ParentProcessID";
    public static final String PARENT_PROCESS_SEQUENCE_NUMBER = "ParentProcessSequenceNumber";
    public static final String SESSION_ID = "SessionID";
    public static final String FLAGS = "Flags";
    public static final String PROCESS_TOKEN_ELEVATION_TYPE = "ProcessTokenElevationType";
    public static final String PROCESS_TOKEN_IS_ELEVATED = "ProcessTokenIsElevated";
    public static final String MANDATORY_LABEL = "MandatoryLabel";
    /** An NT device path in ProcessStart, the kernel's short ANSI name in ProcessStop. */
    public static final String IMAGE_NAME = "ImageName";
    public static final String IMAGE_CHECKSUM = "ImageChecksum";
    public static final String TIME_DATE_STAMP = "TimeDateStamp";
    public static final String PACKAGE_FULL_NAME = "PackageFullName";
    public static final String PACKAGE_RELATIVE_APP_ID = "PackageRelativeAppId";
    public static final String SECURITY_MITIGATIONS = "SecurityMitigations";
    public static final String PARTITION_ID = "PartitionID";
    public static final String PROCESS_MACHINE = "ProcessMachine";

    public static final String EXIT_TIME = "ExitTime";
    public static final String EXIT_CODE = "ExitCode";
    public static final String TOKEN_ELEVATION_TYPE = "TokenElevationType";
    public static final String HANDLE_COUNT = "HandleCount";
    public static final String COMMIT_CHARGE = "CommitCharge";
    public static final String COMMIT_PEAK = "CommitPeak";
    public static final String CPU_CYCLE_COUNT = "CPUCycleCount";
    public static final String READ_OPERATION_COUNT = "ReadOperationCount";
    public static final String WRITE_OPERATION_COUNT = "WriteOperationCount";
    public static final String READ_TRANSFER_KILOBYTES = "ReadTransferKiloBytes";
    public static final String WRITE_TRANSFER_KILOBYTES = "WriteTransferKiloBytes";
    public static final String HARD_FAULT_COUNT = "HardFaultCount";

    public static final String THREAD_ID = "ThreadID";
    public static final String STACK_BASE = "StackBase";
    public static final String STACK_LIMIT = "StackLimit";
    public static final String USER_STACK_BASE = "UserStackBase";
    public static final String USER_STACK_LIMIT = "UserStackLimit";
    public static final String START_ADDR = "StartAddr";
    public static final String WIN32_START_ADDR = "Win32StartAddr";
    public static final String TEB_BASE = "TebBase";
    public static final String SUB_PROCESS_TAG = "SubProcessTag";

    private static final int PROCESS_START_MAX_VERSION = 5;
    private static final int PROCESS_STOP_MAX_VERSION = 2;
    private static final int THREAD_START_MAX_VERSION = 1;
    private static final int PROCESS_RUNDOWN_MAX_VERSION = 3;
    /** ProcessRundown v0, v1, v2, v3 have the properties of ProcessStart v2, v3, v4, v5. */
    private static final int RUNDOWN_TO_START_VERSION = 2;

    private KernelProcess() {
    }

    static List<EventLayout> layouts() {
        List<EventLayout> layouts = new ArrayList<>();
        for (int version = 0; version <= PROCESS_START_MAX_VERSION; version++) {
            layouts.add(processStart(version).build(KERNEL_PROCESS, PROCESS_START, version));
        }
        for (int version = 0; version <= PROCESS_STOP_MAX_VERSION; version++) {
            layouts.add(processStop(version).build(KERNEL_PROCESS, PROCESS_STOP, version));
        }
        for (int version = 0; version <= THREAD_START_MAX_VERSION; version++) {
            layouts.add(threadStart(version).build(KERNEL_PROCESS, THREAD_START, version));
        }
        for (int version = 0; version <= PROCESS_RUNDOWN_MAX_VERSION; version++) {
            layouts.add(processStart(version + RUNDOWN_TO_START_VERSION).build(KERNEL_PROCESS, PROCESS_RUNDOWN, version));
        }
        return layouts;
    }

    private static LayoutBuilder processStart(int version) {
        LayoutBuilder layout = new LayoutBuilder().u32(PROCESS_ID);
        if (version >= 3) {
            layout.u64(PROCESS_SEQUENCE_NUMBER);
        }
        layout.filetime(CREATE_TIME).u32(PARENT_PROCESS_ID);
        if (version >= 3) {
            layout.u64(PARENT_PROCESS_SEQUENCE_NUMBER);
        }
        layout.u32(SESSION_ID);
        if (version >= 1) {
            layout.u32(FLAGS);
        }
        if (version >= 3) {
            layout.u32(PROCESS_TOKEN_ELEVATION_TYPE).u32(PROCESS_TOKEN_IS_ELEVATED).add(MANDATORY_LABEL, WireType.SID);
        }
        layout.unicode(IMAGE_NAME);
        if (version >= 2) {
            layout.u32(IMAGE_CHECKSUM).u32(TIME_DATE_STAMP).unicode(PACKAGE_FULL_NAME).unicode(PACKAGE_RELATIVE_APP_ID);
        }
        if (version >= 4) {
            layout.u32(SECURITY_MITIGATIONS);
        }
        if (version >= 5) {
            layout.u32(PARTITION_ID).u16(PROCESS_MACHINE);
        }
        return layout;
    }

    private static LayoutBuilder processStop(int version) {
        LayoutBuilder layout = new LayoutBuilder().u32(PROCESS_ID);
        if (version >= 2) {
            layout.u64(PROCESS_SEQUENCE_NUMBER);
        }
        layout.filetime(CREATE_TIME).filetime(EXIT_TIME).u32(EXIT_CODE).u32(TOKEN_ELEVATION_TYPE).u32(HANDLE_COUNT)
                .u64(COMMIT_CHARGE).u64(COMMIT_PEAK);
        if (version >= 1) {
            layout.u64(CPU_CYCLE_COUNT).u32(READ_OPERATION_COUNT).u32(WRITE_OPERATION_COUNT)
                    .u32(READ_TRANSFER_KILOBYTES).u32(WRITE_TRANSFER_KILOBYTES).u32(HARD_FAULT_COUNT);
        }
        return layout.add(IMAGE_NAME, WireType.ANSI_STRING);
    }

    /** Version 1 appends SubProcessTag; version 0 has none (36 bytes with 32-bit pointers, 64 with 64-bit). */
    private static LayoutBuilder threadStart(int version) {
        LayoutBuilder layout = new LayoutBuilder().u32(PROCESS_ID).u32(THREAD_ID).pointer(STACK_BASE).pointer(STACK_LIMIT)
                .pointer(USER_STACK_BASE).pointer(USER_STACK_LIMIT).pointer(START_ADDR).pointer(WIN32_START_ADDR)
                .pointer(TEB_BASE);
        if (version >= 1) {
            layout.u32(SUB_PROCESS_TAG);
        }
        return layout;
    }
}
