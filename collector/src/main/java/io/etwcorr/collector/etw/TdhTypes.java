package io.etwcorr.collector.etw;

/** The TDH_INTYPE_*, TDH_OUTTYPE_* and PROPERTY_FLAGS values of tdh.h the generic decoder handles. */
final class TdhTypes {
    static final int IN_UNICODESTRING = 1;
    static final int IN_ANSISTRING = 2;
    static final int IN_INT8 = 3;
    static final int IN_UINT8 = 4;
    static final int IN_INT16 = 5;
    static final int IN_UINT16 = 6;
    static final int IN_INT32 = 7;
    static final int IN_UINT32 = 8;
    static final int IN_INT64 = 9;
    static final int IN_UINT64 = 10;
    static final int IN_FLOAT = 11;
    static final int IN_DOUBLE = 12;
    static final int IN_BOOLEAN = 13;
    static final int IN_BINARY = 14;
    static final int IN_GUID = 15;
    static final int IN_POINTER = 16;
    static final int IN_FILETIME = 17;
    static final int IN_SYSTEMTIME = 18;
    static final int IN_SID = 19;
    static final int IN_HEXINT32 = 20;
    static final int IN_HEXINT64 = 21;
    static final int IN_MANIFEST_COUNTEDSTRING = 22;
    static final int IN_MANIFEST_COUNTEDANSISTRING = 23;
    static final int IN_MANIFEST_COUNTEDBINARY = 25;
    static final int IN_COUNTEDSTRING = 300;
    static final int IN_COUNTEDANSISTRING = 301;
    static final int IN_REVERSEDCOUNTEDSTRING = 302;
    static final int IN_REVERSEDCOUNTEDANSISTRING = 303;
    static final int IN_NONNULLTERMINATEDSTRING = 304;
    static final int IN_NONNULLTERMINATEDANSISTRING = 305;
    static final int IN_UNICODECHAR = 306;
    static final int IN_ANSICHAR = 307;
    static final int IN_SIZET = 308;
    static final int IN_HEXDUMP = 309;
    static final int IN_WBEMSID = 310;

    static final int OUT_PORT = 22;
    static final int OUT_IPV4 = 23;
    static final int OUT_IPV6 = 24;

    static final int PROPERTY_STRUCT = 0x1;
    static final int PROPERTY_PARAM_LENGTH = 0x2;
    static final int PROPERTY_PARAM_COUNT = 0x4;
    static final int PROPERTY_PARAM_FIXED_COUNT = 0x20;

    private TdhTypes() {
    }
}
