package jenkins;

/** Stub: only the constants, needed as the type of {@code Extension.dynamicLoadable()}. */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
