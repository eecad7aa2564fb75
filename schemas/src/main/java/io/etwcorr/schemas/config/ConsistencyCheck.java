package io.etwcorr.schemas.config;

import java.util.List;

/**
 * A config section whose keys constrain each other (minimum below maximum, weights that sum to 1),
 * which per-key annotations cannot say. {@link YamlConfig} calls it after the per-key checks.
 */
public interface ConsistencyCheck {
    /** One problem per entry, each {@code key: what is wrong}, the key relative to this section; empty when consistent. */
    List<String> inconsistencies();
}
