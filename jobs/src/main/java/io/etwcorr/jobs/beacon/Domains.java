package io.etwcorr.jobs.beacon;

import com.google.common.net.InternetDomainName;
import java.util.Locale;

/** DNS name helpers for callbacks. */
public final class Domains {
    private Domains() {}

    /**
     * The registrable part of a name (ECS {@code destination.registered_domain}), so that DNS beacons
     * querying random subdomains of one C2 domain are one destination: the name one label below its
     * public suffix, by the public suffix list Guava maintains ({@code x.example.co.uk} →
     * {@code example.co.uk}; {@code tenant.azurewebsites.net} stays whole, since that suffix is
     * registered too). A name under no listed suffix (an internal zone, a reserved TLD such as
     * {@code .example}) keeps its last two labels; a bare label stays as it is.
     */
    public static String registrable(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String trimmed = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        if (InternetDomainName.isValid(trimmed)) {
            InternetDomainName domain = InternetDomainName.from(trimmed);
            if (domain.isUnderPublicSuffix()) {
                return domain.topPrivateDomain().toString();
            }
            if (domain.isPublicSuffix()) {
                return trimmed;
            }
        }
        int last = trimmed.lastIndexOf('.');
        int secondLast = last <= 0 ? -1 : trimmed.lastIndexOf('.', last - 1);
        return secondLast < 0 ? trimmed : trimmed.substring(secondLast + 1);
    }
}
