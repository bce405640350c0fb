package io.edgemlops.target;

/** How operators are named in profiles and reports: {@code Op} for ai.onnx, {@code domain:Op} otherwise. */
public final class OperatorId {

    private OperatorId() {
    }

    /** The profile name of an operator; an empty domain and {@code ai.onnx} are the default domain. */
    public static String of(String domain, String opType) {
        if (domain == null || domain.isEmpty() || domain.equals("ai.onnx")) {
            return opType;
        }
        return domain + ":" + opType;
    }
}
