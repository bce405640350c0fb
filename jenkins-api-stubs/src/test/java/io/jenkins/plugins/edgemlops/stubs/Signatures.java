package io.jenkins.plugins.edgemlops.stubs;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericDeclaration;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Renders compiled stub classes the way {@code javap -protected -s} prints them: declarations and descriptors. */
final class Signatures {

    private Signatures() {
    }

    static String descriptor(Class<?> type) {
        if (type.isArray()) {
            return type.getName().replace('.', '/');
        }
        if (type.isPrimitive()) {
            return switch (type.getName()) {
                case "void" -> "V";
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                case "double" -> "D";
                default -> throw new IllegalArgumentException(type.getName());
            };
        }
        return "L" + type.getName().replace('.', '/') + ";";
    }

    static String descriptor(Executable executable) {
        String parameters = Arrays.stream(executable.getParameterTypes()).map(Signatures::descriptor)
                .collect(Collectors.joining());
        String result = executable instanceof Method method ? descriptor(method.getReturnType()) : "V";
        return "(" + parameters + ")" + result;
    }

    static String declaration(Method method) {
        StringBuilder out = new StringBuilder(modifiers(method.getModifiers() & Modifier.methodModifiers()));
        if (method.isDefault()) {
            out.append(" default");
        }
        out.append(' ').append(typeParameters(method));
        out.append(' ').append(method.getGenericReturnType().getTypeName());
        out.append(' ').append(method.getName()).append(parameters(method)).append(exceptions(method));
        return normalize(out.toString());
    }

    static String declaration(Constructor<?> constructor) {
        return normalize(modifiers(constructor.getModifiers() & Modifier.constructorModifiers()) + " "
                + typeParameters(constructor) + " " + constructor.getDeclaringClass().getName()
                + parameters(constructor) + exceptions(constructor));
    }

    static String declaration(Field field) {
        return normalize(modifiers(field.getModifiers() & Modifier.fieldModifiers()) + " "
                + field.getGenericType().getTypeName() + " " + field.getName());
    }

    static JavapListing.Header header(Class<?> type) {
        int flags = type.getModifiers() & Modifier.classModifiers() & ~Modifier.STATIC;
        if (type.isInterface()) {
            flags &= ~Modifier.ABSTRACT;
        }
        String superclass = null;
        if (!type.isInterface() && type.getSuperclass() != Object.class) {
            superclass = type.getGenericSuperclass().getTypeName();
        }
        List<String> interfaces = new ArrayList<>();
        for (Type i : type.getGenericInterfaces()) {
            interfaces.add(i.getTypeName());
        }
        return new JavapListing.Header(modifiers(flags), type.isInterface() ? "interface" : "class", type.getName(),
                typeParameters(type), superclass, interfaces);
    }

    /** Removes all white space, so that only javap's and reflection's spacing conventions may differ. */
    static String normalize(String text) {
        return text == null ? null : text.replaceAll("\\s+", "");
    }

    private static String modifiers(int flags) {
        return Modifier.toString(flags);
    }

    static String typeParameters(GenericDeclaration declaration) {
        TypeVariable<?>[] variables = declaration.getTypeParameters();
        if (variables.length == 0) {
            return "";
        }
        List<String> rendered = new ArrayList<>();
        for (TypeVariable<?> variable : variables) {
            List<String> bounds = Arrays.stream(variable.getBounds()).map(Type::getTypeName)
                    .filter(bound -> !bound.equals("java.lang.Object")).toList();
            rendered.add(variable.getName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds)));
        }
        return "<" + String.join(", ", rendered) + ">";
    }

    private static String parameters(Executable executable) {
        Type[] types = executable.getGenericParameterTypes();
        List<String> rendered = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            String name = types[i].getTypeName();
            if (executable.isVarArgs() && i == types.length - 1) {
                name = name.substring(0, name.length() - 2) + "...";
            }
            rendered.add(name);
        }
        return "(" + String.join(", ", rendered) + ")";
    }

    private static String exceptions(Executable executable) {
        Type[] types = executable.getGenericExceptionTypes();
        if (types.length == 0) {
            return "";
        }
        return " throws " + Arrays.stream(types).map(Type::getTypeName).collect(Collectors.joining(", "));
    }
}
