package io.etwcorr.schemas.etw;

/**
 * How one payload property is laid out on the wire and which JSON type the collector emits for it
 * (docs/contract/etw-layouts.md "Types"). Sizes are fixed except where noted.
 */
public enum WireType {
    UINT16,
    UINT32,
    /** A JSON number, or its decimal string above 2^63−1. */
    UINT64,
    /** 8 bytes, or 4 when the header has EVENT_HEADER_FLAG_32_BIT_HEADER; emitted like {@link #UINT64}. */
    POINTER,
    /** A U64 count of 100 ns since 1601, emitted as microseconds since the Unix epoch. */
    FILETIME,
    /** UTF-16LE up to a 2-byte NUL terminator. */
    UNICODE_STRING,
    /** Single bytes (the host's ANSI code page) up to a NUL terminator. */
    ANSI_STRING,
    /** A binary SID of 8 + 4 × sub-authority-count bytes, emitted as {@code S-1-…}. */
    SID,
    /** 4 address bytes in wire order, emitted as {@code a.b.c.d}. */
    IPV4,
    /** 16 address bytes in wire order, emitted in RFC 5952 text. */
    IPV6,
    /** A U16 in network byte order, emitted as a host-order number. */
    PORT,
    /** 16 bytes (Data1–3 little-endian), emitted in lower case without braces. */
    GUID
}
