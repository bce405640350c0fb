package io.jenkins.plugins.edgemlops;

import io.edgemlops.contract.Parameter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Reads a step argument through the bean getter Jenkins' data binding already requires ({@code getEpochs},
 * {@code isFailOnError}), so a step class lists its parameters once, as fields with getters and setters, and no
 * second hand-kept list maps them to the contract.
 */
final class StepProperties {

    private StepProperties() {
    }

    /** The getter of a parameter on a step class, or null when the class has none. */
    static Method getter(Class<?> stepClass, Parameter p) {
        String suffix = Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1);
        for (String prefix : new String[] {"get", "is"}) {
            try {
                return stepClass.getMethod(prefix + suffix);
            } catch (NoSuchMethodException tryNext) {
                // next prefix
            }
        }
        return null;
    }

    /** The value the Jenkinsfile gave, or null. */
    static Object read(Object step, Parameter p) {
        Method getter = getter(step.getClass(), p);
        if (getter == null) {
            throw new IllegalStateException(step.getClass().getSimpleName() + " has no getter for " + p.name());
        }
        try {
            return getter.invoke(step);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + p.name() + " of " + step.getClass().getSimpleName(), e);
        }
    }
}
