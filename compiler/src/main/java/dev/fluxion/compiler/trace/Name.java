package dev.fluxion.compiler.trace;

import dev.fluxion.compiler.diff.Naming;
import java.util.Objects;

/**
 * What a trace row defines or a formula refers to: a value, its tangent or its adjoint,
 * of an IR node ({@code v3}), a program input ({@code x1}) or a program output
 * ({@code y}). The subject keeps an input and a node with the same spelling apart.
 *
 * @param role       value, tangent (v̇, {@code dv3}) or adjoint (v̄, {@code bv3})
 * @param subject    node, input or output
 * @param identifier the spelling of the underlying value: {@code v3}, {@code x1}, {@code y}
 */
public record Name(Role role, Subject subject, String identifier) {

    /** Which derivative of the underlying value a name stands for. */
    public enum Role { VALUE, TANGENT, ADJOINT }

    /** What the underlying value is. */
    public enum Subject { NODE, INPUT, OUTPUT }

    public Name {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(subject, "subject");
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("a name needs an identifier");
        }
    }

    public static Name node(Role role, String identifier) {
        return new Name(role, Subject.NODE, identifier);
    }

    public static Name input(Role role, String identifier) {
        return new Name(role, Subject.INPUT, identifier);
    }

    public static Name output(Role role, String identifier) {
        return new Name(role, Subject.OUTPUT, identifier);
    }

    /** The name in the ASCII convention of the generated code: {@code v3}, {@code dv3}, {@code bv3}. */
    public String plain() {
        return switch (role) {
            case VALUE -> identifier;
            case TANGENT -> Naming.tangent(identifier);
            case ADJOINT -> Naming.adjoint(identifier);
        };
    }

    @Override
    public String toString() {
        return plain();
    }
}
