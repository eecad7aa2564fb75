package io.etwcorr.jobs.normalize;

import io.etwcorr.schemas.raw.RawEnvelope;
import io.etwcorr.schemas.raw.RawEvent;

/** A decoded {@link RawEvent} as the normalizer reads it; its envelope too. */
record RawEventMapView(RawEvent raw) implements RawEventView, RawEnvelope {
    @Override
    public RawEnvelope envelope() {
        return this;
    }

    @Override
    public int v() {
        return raw.v();
    }

    @Override
    public String host() {
        return raw.host();
    }

    @Override
    public String run() {
        return raw.run();
    }

    @Override
    public long seq() {
        return raw.seq();
    }

    @Override
    public long ts() {
        return raw.ts();
    }

    @Override
    public String provider() {
        return raw.provider();
    }

    @Override
    public String guid() {
        return raw.guid();
    }

    @Override
    public int id() {
        return raw.id();
    }

    @Override
    public int ver() {
        return raw.ver();
    }

    @Override
    public int opcode() {
        return raw.opcode() != null ? raw.opcode() : -1;
    }

    @Override
    public int pid() {
        return raw.pid();
    }

    @Override
    public int tid() {
        return raw.tid();
    }

    @Override
    public long pkey() {
        return raw.pkey() != null ? raw.pkey() : -1;
    }

    @Override
    public String enrichment(String key) {
        return raw.enrichment(key);
    }

    @Override
    public boolean isInteger(EventProp prop) {
        return value(prop) instanceof Long;
    }

    @Override
    public long integer(EventProp prop) {
        return (Long) value(prop);
    }

    @Override
    public String string(EventProp prop) {
        return value(prop) instanceof String text ? text : null;
    }

    @Override
    public Object value(EventProp prop) {
        return raw.props() == null ? null : raw.props().get(prop.manifestName);
    }
}
