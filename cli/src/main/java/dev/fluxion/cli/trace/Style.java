package dev.fluxion.cli.trace;

import dev.fluxion.compiler.trace.Name;
import dev.fluxion.compiler.trace.Token;

/**
 * How one output format spells the pieces of a trace formula: names (v3, v̇3, v̄3 or
 * v_{3}, \dot{v}_{3}, \bar{v}_{3}), operators, function names and numbers. A
 * {@link FormulaWriter} walks the tokens and asks the style; the layout of the tables is
 * the renderer's.
 */
public interface Style {

    /** A value, tangent or adjoint. */
    String name(Name name);

    /** A symbol of the surface syntax: operator, function name, parenthesis, comma. */
    String symbol(Token.Sym sym);

    /** A number, rounded to {@code digits} decimals. */
    String number(double value, int digits);

    /** The partial derivative of output {@code y} with respect to input {@code x}: ∂y/∂x1. */
    String partial(Name y, Name x);

    /** Whether a superscript must be grouped (LaTeX's {@code ^{...}}) rather than written inline. */
    default boolean groupsSuperscripts() {
        return false;
    }
}
