package io.edgemlops.cli;

import io.edgemlops.contract.Parameter;
import java.util.List;
import java.util.Map;

/** A step's checked parameter values, read by the contract's parameter constants; absent ones are null. */
record StepValues(Map<String, Object> values) {

    StepValues {
        values = Map.copyOf(values);
    }

    String text(Parameter p) {
        Object v = values.get(p.name());
        return v == null ? null : v.toString();
    }

    Long whole(Parameter p) {
        return (Long) values.get(p.name());
    }

    Integer wholeInt(Parameter p) {
        Long v = whole(p);
        return v == null ? null : Math.toIntExact(v);
    }

    Double decimal(Parameter p) {
        return (Double) values.get(p.name());
    }

    boolean flag(Parameter p) {
        return Boolean.TRUE.equals(values.get(p.name()));
    }

    @SuppressWarnings("unchecked")
    List<String> texts(Parameter p) {
        return (List<String>) values.get(p.name());
    }

    @SuppressWarnings("unchecked")
    Map<String, String> pairs(Parameter p) {
        return (Map<String, String>) values.get(p.name());
    }

    List<Integer> wholeInts(Parameter p) {
        Object v = values.get(p.name());
        return v == null ? null : ((List<?>) v).stream().map(n -> Math.toIntExact((Long) n)).toList();
    }
}
