package io.etwcorr.collector.etw;

import java.util.UUID;

/** One event layout: provider GUID, EVENT_DESCRIPTOR.Id and EVENT_DESCRIPTOR.Version. */
public record EventKey(UUID provider, int id, int version) {
}
