package io.edgemlops.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Sizes in KiB/MiB, times in ms, shares in %, as a person reads them. */
class UnitsTest {

    @Test
    void bytesBecomeKibAndMib() {
        assertEquals("512 bytes", Units.bytes(512));
        assertEquals("14.3 KiB", Units.bytes(14610));
        assertEquals("39.4 MiB", Units.bytes(41_300_000));
        assertEquals("512.0 MiB", Units.bytes(536_870_912));
        assertEquals("2.00 GiB", Units.bytes(2L << 30));
        assertEquals("8.0 MiB", Units.withUnit(8_389_000L, "bytes"));
    }

    @Test
    void secondsAndMillisecondsAreShownInMs() {
        assertEquals("4.2 ms", Units.seconds(0.0042));
        assertEquals("1500 ms", Units.seconds(1.5));
        assertEquals("0.0988 ms", Units.milliseconds(0.09875));
        assertEquals("5 ms", Units.withUnit(5L, "ms"));
        assertEquals("250 ms", Units.withUnit(0.25, "s"));
        assertEquals("n/a", Units.milliseconds(Double.NaN));
    }

    @Test
    void plainValuesAndShares() {
        assertEquals("0.9123", Units.value(0.91234));
        assertEquals("5000", Units.value(5000L));
        assertNull(Units.value(null));
        assertEquals("0", Units.withUnit(0.0, ""));
        assertEquals("99.75 %", Units.percent(0.9975));
        assertEquals("0.4 %", Units.percent(0.004));
        assertEquals("0.333", Units.short3(1 / 3.0));
        assertEquals("n/a", Units.short3(Double.NaN));
        assertEquals("0.930", Units.psi(0.93));
        assertEquals("1.0e-40", Units.pValue(1e-40));
        assertEquals("0.4100", Units.pValue(0.41));
        assertEquals("3m", Units.duration(3 * 60_000));
    }

    @Test
    void axisEndsAreRound() {
        assertEquals(1, Axis.niceCeiling(0));
        assertEquals(0.25, Axis.niceCeiling(0.22));
        assertEquals(5, Axis.niceCeiling(4.4));
        assertEquals(10, Axis.niceCeiling(5.5));
        assertEquals(200, Axis.niceCeiling(101));
    }
}
