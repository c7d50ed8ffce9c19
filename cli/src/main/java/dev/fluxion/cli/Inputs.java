package dev.fluxion.cli;

import java.util.List;

/** Checks names given on the command line against a program's inputs (or outputs). */
public final class Inputs {

    private Inputs() {
    }

    /** {@code names}, after checking each is one of {@code known}. */
    public static List<String> require(List<String> names, List<String> known, String option) {
        for (String n : names) {
            require(n, known, option);
        }
        return List.copyOf(names);
    }

    /** {@code name}, after checking it is one of {@code known}. */
    public static String require(String name, List<String> known, String option) {
        if (!known.contains(name)) {
            throw new UserError(option + " " + name + ": no such variable; the program has " + String.join(", ", known));
        }
        return name;
    }
}
