package io.etwcorr.simulator;

/**
 * The executable of a process: its file name, the NT device path ETW reports in {@code ImageName},
 * and the DOS path the collector adds as {@code x.image} (null for System, which has no file).
 */
record ProcessImage(String name, String ntPath, String dosPath) {
    private static final String SYSTEM_DRIVE = "C:\\";
    private static final String SYSTEM_VOLUME = "\\Device\\HarddiskVolume3\\";

    static final ProcessImage SYSTEM = new ProcessImage("System", "System", null);

    /** The image at DOS path {@code dosPath} on the system drive. */
    static ProcessImage at(String dosPath) {
        if (!dosPath.startsWith(SYSTEM_DRIVE)) {
            throw new IllegalArgumentException("not on the system drive: " + dosPath);
        }
        String name = dosPath.substring(dosPath.lastIndexOf('\\') + 1);
        return new ProcessImage(name, SYSTEM_VOLUME + dosPath.substring(SYSTEM_DRIVE.length()), dosPath);
    }

    /** {@code C:\Windows\System32\<name>}. */
    static ProcessImage system32(String name) {
        return at("C:\\Windows\\System32\\" + name);
    }

    /** {@code C:\Windows\<name>}. */
    static ProcessImage windows(String name) {
        return at("C:\\Windows\\" + name);
    }
}
