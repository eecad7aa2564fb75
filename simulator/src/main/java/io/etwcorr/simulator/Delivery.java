package io.etwcorr.simulator;

/** Which process ends up beaconing after the intrusion chain. */
public enum Delivery {
    /** The chain starts the implant process, which beacons itself. */
    DIRECT,
    /** The chain's last process creates a remote thread in a victim process, and the victim beacons. */
    INJECTED
}
