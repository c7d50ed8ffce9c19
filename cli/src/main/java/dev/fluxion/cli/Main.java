package dev.fluxion.cli;

import dev.fluxion.compiler.diag.CompileException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fluxion} command. Each subcommand is a class of its own, registered in
 * {@link #SUBCOMMANDS}; options several subcommands share (the source, the point, the
 * variable order, the dumps) are mixins.
 *
 * <p>Exit status: 0 success; 1 an internal error (a bug: the message names it, no stack
 * trace unless {@code FLUXION_DEBUG} is set); 2 bad input (a program that does not compile,
 * a malformed option, a missing file); 3 a failed {@code check}.
 */
@Command(name = "fluxion", mixinStandardHelpOptions = true, version = "fluxion 0.1.0",
        description = "A differentiation compiler: symbolic derivatives, gradients, traces and generated Java.",
        subcommandsRepeatable = false)
public final class Main implements java.util.concurrent.Callable<Integer> {

    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int CHECK_FAILED = 3;

    /** The subcommands, in the order {@code fluxion --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            DiffCommand.class,
            GradCommand.class,
            JacobianCommand.class,
            TraceCommand.class,
            GenCommand.class,
            CheckCommand.class,
            GraphCommand.class,
            CompareCommand.class,
            TrainCommand.class,
            ParamsCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command and exits with its status. Output is UTF-8 whatever the platform
     * default, so the traces' v̄ and ∂ survive a POSIX locale on a UTF-8 terminal.
     */
    public static void main(String[] args) {
        int status = run(args, utf8(System.out), utf8(System.err));
        System.exit(status);
    }

    private static PrintWriter utf8(java.io.OutputStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8), true);
    }

    /** Runs the command with the given streams and returns the exit status (what tests call). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int status;
        try {
            status = cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler; a JVM limit is still a short message.
            err.println("fluxion: internal error: " + e.getClass().getSimpleName()
                    + " (the program is too large for this JVM's limits; try a larger -Xss or -Xmx)");
            status = INTERNAL;
        }
        out.flush();
        err.flush();
        return status;
    }

    /** The command line with every subcommand registered and the error handling below. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> c : SUBCOMMANDS) {
            cl.addSubcommand(c);
        }
        HelpLayout.install(cl);
        return withErrorHandling(cl);
    }

    /**
     * {@code cl} with the exit statuses above: program errors and {@link UserError}s as
     * messages with status 2, anything else as a short internal error. Tests that run one
     * subcommand on its own use it too, so they see what a user sees.
     */
    static CommandLine withErrorHandling(CommandLine cl) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("fluxion: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return USAGE;
        });
        return cl;
    }

    /** No subcommand: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof CompileException ce) {
            err.print(ce.format());
            return USAGE;
        }
        if (e instanceof UserError || e instanceof dev.fluxion.runtime.IndexOutOfRange
                || e instanceof UnsupportedOperationException) {
            // A bad index read from data names the program's line: the user's error, not ours. An
            // unsupported operation names what the program's form lacks (a function of the tensor
            // back end has no scalar trace), not a bug.
            err.println("fluxion: " + e.getMessage());
            return USAGE;
        }
        err.println("fluxion: internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() != null ? ": " + e.getMessage() : ""));
        if (System.getenv("FLUXION_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set FLUXION_DEBUG=1 to see the stack trace; please report it)");
        }
        return INTERNAL;
    }
}
