package dev.fluxion.compiler;

import dev.fluxion.compiler.simplify.RuleSet;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * How to compile a program. Immutable; the {@code with...} methods return a changed copy.
 *
 * @param variables    the input order for a bare expression (null: order of first appearance);
 *                     for a program, null or a permutation of its parameters
 * @param capabilities which derivative methods to generate; VALUE is always generated
 * @param packageName  package of the generated class
 * @param className    simple name of the generated class (null: from the program's name)
 * @param sourceName   how diagnostics name the source ({@code <input>}, a file name)
 * @param rules        the simplification rules that are on
 * @param jacobianMode how {@link CompiledFunction#jacobian} computes unless told per call, and the mode of
 *                     the generated class's {@code jacobian} method (with the JACOBIAN capability)
 */
public record Options(List<String> variables, Set<Capability> capabilities, String packageName, String className,
                      String sourceName, RuleSet rules, Mode jacobianMode) {

    /**
     * What the runtime API generates unless told: the value and the reverse-mode gradient
     * and VJP. JVPs, Jacobians and the Hessian are compiled into a second class on first
     * use, so a large function pays for the code it calls and no more.
     */
    public static final Set<Capability> DEFAULT_CAPABILITIES =
            Set.copyOf(EnumSet.of(Capability.VALUE, Capability.GRADIENT));

    public static final String DEFAULT_PACKAGE = "dev.fluxion.generated";

    public Options {
        variables = variables == null ? null : List.copyOf(variables);
        capabilities = capabilities == null || capabilities.isEmpty() ? EnumSet.of(Capability.VALUE) : EnumSet.copyOf(capabilities);
        capabilities.add(Capability.VALUE);
        capabilities = Set.copyOf(capabilities);
        Objects.requireNonNull(packageName, "packageName");
        if (!packageName.isEmpty() && !SourceVersion.isName(packageName)) {
            throw new IllegalArgumentException("not a Java package name: '" + packageName + "'");
        }
        if (className != null && (!SourceVersion.isIdentifier(className) || SourceVersion.isKeyword(className))) {
            throw new IllegalArgumentException("not a Java class name: '" + className + "'");
        }
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(jacobianMode, "jacobianMode");
    }

    public static Options defaults() {
        return new Options(null, DEFAULT_CAPABILITIES, DEFAULT_PACKAGE, null, "<input>", RuleSet.standard(), Mode.AUTO);
    }

    public Options withVariables(String... names) {
        return new Options(List.of(names), capabilities, packageName, className, sourceName, rules, jacobianMode);
    }

    public Options withVariables(List<String> names) {
        return new Options(names, capabilities, packageName, className, sourceName, rules, jacobianMode);
    }

    public Options withCapabilities(Set<Capability> caps) {
        return new Options(variables, caps, packageName, className, sourceName, rules, jacobianMode);
    }

    public Options withCapability(Capability cap) {
        Set<Capability> caps = EnumSet.copyOf(capabilities);
        caps.add(cap);
        return withCapabilities(caps);
    }

    public Options withPackage(String name) {
        return new Options(variables, capabilities, name, className, sourceName, rules, jacobianMode);
    }

    public Options withClassName(String name) {
        return new Options(variables, capabilities, packageName, name, sourceName, rules, jacobianMode);
    }

    public Options withSourceName(String name) {
        return new Options(variables, capabilities, packageName, className, name, rules, jacobianMode);
    }

    public Options withRules(RuleSet r) {
        return new Options(variables, capabilities, packageName, className, sourceName, r, jacobianMode);
    }

    public Options withJacobianMode(Mode mode) {
        return new Options(variables, capabilities, packageName, className, sourceName, rules, mode);
    }
}
