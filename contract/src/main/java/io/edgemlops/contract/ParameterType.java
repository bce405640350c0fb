package io.edgemlops.contract;

/**
 * The kinds of value a step parameter takes. Each front-end turns its own input into the Java type named here
 * (the CLI from flag text, the plugin from Groovy values) before {@link Parameter#check(Object)} judges it.
 */
public enum ParameterType {
    /** Free text: {@link String}. */
    TEXT,
    /** One of the parameter's {@link Parameter#choices()}: {@link String}. */
    CHOICE,
    /** Text or a whole number, kept as text (e.g. a version: {@code 3}, {@code latest}, {@code production}). */
    TEXT_OR_WHOLE_NUMBER,
    /** A whole number: {@link Long}. */
    WHOLE_NUMBER,
    /** A decimal number: {@link Double}. */
    DECIMAL,
    /** A list of names: {@code List<String>}; one comma-separated value on the command line. */
    TEXT_LIST,
    /** A list of whole numbers: {@code List<Long>}; one comma-separated value on the command line. */
    WHOLE_NUMBER_LIST,
    /** On or off: {@link Boolean}; a bare flag on the command line. */
    FLAG,
    /**
     * Names mapped to names: {@code Map<String, String>}, in the order given. A Groovy map in a Jenkinsfile
     * ({@code ['raspberry-pi-4': 'int8']}); {@code name=value} pairs, comma-separated, on the command line
     * ({@link Values#pairs(String)} reads that text).
     */
    TEXT_MAP,
    /**
     * The waves of a rollout: {@code List<String>}, each wave as its text: a percentage of the fleet ({@code 25} or
     * {@code 25%}) or a pilot of N devices, of one target or of any ({@code 1@jetson-nano-cpu}, {@code 2@any}). A
     * Jenkinsfile gives numbers and maps ({@code [[count: 1, target: 'jetson-nano-cpu'], 10, 100]}); the command line
     * one comma-separated value ({@code 1@jetson-nano-cpu,10,100}).
     */
    WAVE_LIST,
    /**
     * A span of time, kept as its text ({@link String}): {@code 30m}, {@code 2h}, {@code 1h30m}, {@code 1d}, or a bare
     * number of seconds; {@link DurationText} reads it. The parameter's {@link Range} is in seconds.
     */
    DURATION
}
