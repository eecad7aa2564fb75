package io.etwcorr.collector.etw;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/**
 * {@code PEVENT_RECORD_CALLBACK}, called by ProcessTrace on its thread for every event. The record
 * arrives as a raw pointer to an {@link EVENT_RECORD}: the consumer reads only the fields it needs
 * instead of paying for JNA's reflective read of the whole structure on every event.
 */
public interface EventRecordCallback extends Callback {
    void invoke(Pointer eventRecord);
}
