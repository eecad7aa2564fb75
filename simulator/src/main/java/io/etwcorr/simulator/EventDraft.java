package io.etwcorr.simulator;

import java.util.Map;

/** A raw event before its host numbers it: everything of the envelope but host, run and seq. */
record EventDraft(
        long ts,
        String provider,
        String guid,
        int id,
        int ver,
        Integer opcode,
        int pid,
        int tid,
        Map<String, Object> props,
        Map<String, Object> x) {
}
