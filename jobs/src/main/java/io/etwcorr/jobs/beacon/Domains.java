package io.etwcorr.jobs.beacon;

/** DNS name helpers for callbacks. */
public final class Domains {
    private Domains() {}

    /**
     * The registrable part of a name, so that DNS beacons querying random subdomains of one C2
     * domain are one destination: the last two labels, or three under a two-letter country TLD
     * with a short second level ({@code x.example.co.uk} → {@code example.co.uk}). A heuristic
     * without the public suffix list; good enough to group, never used to allowlist.
     */
    public static String registrable(String name) {
        String[] labels = name.split("\\.");
        if (labels.length <= 2) {
            return name;
        }
        int keep = 2;
        String tld = labels[labels.length - 1];
        String second = labels[labels.length - 2];
        if (tld.length() == 2 && second.length() <= 3 && labels.length >= 3) {
            keep = 3;
        }
        StringBuilder registrable = new StringBuilder();
        for (int i = labels.length - keep; i < labels.length; i++) {
            if (registrable.length() > 0) {
                registrable.append('.');
            }
            registrable.append(labels[i]);
        }
        return registrable.toString();
    }
}
