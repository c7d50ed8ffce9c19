package dev.fluxion.compiler.parse;

import dev.fluxion.compiler.diag.SourceText;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.ModelProgram;
import dev.fluxion.compiler.ir.ModelProgram.Declaration;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.grammar.FluxionParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Lowers a {@code model} unit. Output guarantee: one input node per declaration (inputs
 * and labels in port {@code inputs}, parameters in port {@code params}, each with its
 * declared shape, B as {@link Shape#BATCH}); statements lowered in order through the
 * expression lowering (so shape errors carry the source location and both shapes), a
 * {@code for} loop unrolled as in a function (each iteration rebinding the variables it
 * carries, which keep their shapes; a statement's value is its value after the loop); a
 * scalar {@code loss}.
 */
final class ModelLowering {

    private final SourceText source;
    private final GraphBuilder b;
    private final Lowering expressions;
    /** Declared names so far, listed when a name is undefined. */
    private final List<String> declared = new ArrayList<>();

    ModelLowering(SourceText source, GraphBuilder builder, Helpers helpers) {
        this.source = source;
        this.b = builder;
        this.expressions = new Lowering(source, builder, true, helpers);
    }

    ModelProgram lower(FluxionParser.ModelContext m) {
        List<Declaration> inputs = new ArrayList<>();
        List<Declaration> params = new ArrayList<>();
        Statements statements = new Statements(true);
        for (int c = 0; c < m.getChildCount(); c++) {
            if (!(m.getChild(c) instanceof ParserRuleContext item)) {
                continue;
            }
            if (item instanceof FluxionParser.InputDeclarationContext d) {
                declare(d.ID().getSymbol(), shape(d.shape(), true), 0, null, inputs, ModelProgram.INPUT_ARRAY);
            } else if (item instanceof FluxionParser.LabelDeclarationContext d) {
                int classes = wholeNumber(d.classes, "a number of classes");
                declare(d.ID().getSymbol(), shape(d.shape(), true), classes, null, inputs, ModelProgram.INPUT_ARRAY);
            } else if (item instanceof FluxionParser.ParamDeclarationContext d) {
                String init = d.init == null ? "zeros" : initializer(d.init);
                try {
                    dev.fluxion.runtime.init.Initializers.parse(init);
                } catch (IllegalArgumentException e) {
                    throw expressions.errorAt(d.init.getStart(), e.getMessage());
                }
                declare(d.ID().getSymbol(), shape(d.shape(), false), 0, init, params, ModelProgram.PARAM_ARRAY);
            } else if (item instanceof FluxionParser.StatementContext st) {
                statements.lower(st);
            }
        }
        if (!statements.found.isEmpty()) {
            throw new dev.fluxion.compiler.diag.CompileException(source, statements.found);
        }
        Integer loss = statements.loss;
        if (loss == null) {
            throw expressions.errorAt(m.name, "model '" + m.name.getText() + "' defines no loss: add a statement loss = ...");
        }
        Port in = Port.input(ModelProgram.INPUTS, inputs.stream().map(Declaration::name).toList());
        Port pa = Port.input(ModelProgram.PARAMS, params.stream().map(Declaration::name).toList());
        Port lossPort = new Port(ModelProgram.LOSS, List.of(ModelProgram.LOSS), List.of(loss));
        Port valuePort = new Port(ModelProgram.VALUES, statements.names, statements.values);
        return new ModelProgram(m.name.getText(), b.build(List.of(in, pa), List.of(lossPort, valuePort)), inputs, params);
    }

    /**
     * Lowers a {@code fn} that reads an array parameter whole (a tensor op on it) to the tensor
     * IR: its parameters, each with its declared shape (a scalar has rank 0, size symbols bound
     * from {@code sizes}), are the model's parameters (port {@code params}, differentiated); its
     * data parameters the model's inputs (port {@code inputs}, never differentiated); its
     * statements are lowered as a model's (a {@code for} loop written out, its carried variables
     * keeping their shapes); the value it returns, which must be one number, is the loss. Several
     * returned values are refused with their position: the tensor back end has one output.
     */
    ModelProgram lowerFunction(FluxionParser.FunctionContext fn, java.util.Map<String, Integer> sizes) {
        expressions.withSizes(sizes);
        List<Declaration> inputs = new ArrayList<>();
        List<Declaration> params = new ArrayList<>();
        if (fn.params() != null) {
            for (FluxionParser.ParameterContext pc : fn.params().items) {
                Shape shape = pc.shape() == null ? Shape.SCALAR : Shape.of(expressions.arrayShape(pc));
                declare(pc.ID().getSymbol(), shape, 0, "zeros", params, ModelProgram.PARAM_ARRAY);
            }
        }
        if (fn.data != null) {
            for (FluxionParser.ParameterContext pc : fn.data.items) {
                Shape shape = pc.shape() == null ? Shape.SCALAR : Shape.of(expressions.arrayShape(pc));
                declare(pc.ID().getSymbol(), shape, 0, null, inputs, ModelProgram.INPUT_ARRAY);
            }
        }
        Statements statements = new Statements(false);
        fn.statement().forEach(statements::lower);
        List<dev.fluxion.compiler.diag.Diagnostic> found = statements.found;
        Integer[] result = {null};
        if (fn.ret() instanceof FluxionParser.SingleReturnContext r) {
            expressions.statement(List.of(), found, () -> {
                int value = expressions.expression(r.test());
                if (expressions.lastIsCondition()) {
                    throw expressions.errorAt(r.test().getStart(), "a function returns numbers, and this is a "
                            + "condition; write 'if c then 1 else 0' for its value");
                }
                if (!b.node(value).shape().isScalar()) {
                    throw expressions.errorAt(r.test().getStart(), "a function that uses tensor ops returns one number, "
                            + "and this has shape " + b.node(value).shape() + " (reduce it, e.g. sum(...))");
                }
                result[0] = value;
            });
        } else {
            found.add(expressions.errorAt(fn.ret().getStart(), "a function that uses tensor ops (it reads an array "
                    + "parameter whole) returns one number; several returned values are not supported yet")
                    .diagnostics().get(0));
        }
        if (!found.isEmpty()) {
            throw new dev.fluxion.compiler.diag.CompileException(source, found);
        }
        Port in = Port.input(ModelProgram.INPUTS, inputs.stream().map(Declaration::name).toList());
        Port pa = Port.input(ModelProgram.PARAMS, params.stream().map(Declaration::name).toList());
        Port lossPort = new Port(ModelProgram.LOSS, List.of(ModelProgram.LOSS), List.of(result[0]));
        Port valuePort = new Port(ModelProgram.VALUES, statements.names, statements.values);
        return new ModelProgram(fn.name.getText(), b.build(List.of(in, pa), List.of(lossPort, valuePort)), inputs, params);
    }

    /**
     * The statements of a model or of a function lowered to the tensor IR, in order: each
     * assignment, unpacking and (written-out) loop, the named values they define (read by
     * {@code evaluate}), and, in a model, the loss. Each statement is checked even after an error
     * in an earlier one ({@link LoweringState#statement}); the errors are collected in {@link #found}.
     */
    private final class Statements {
        final List<String> names = new ArrayList<>();
        final List<Integer> values = new ArrayList<>();
        final List<dev.fluxion.compiler.diag.Diagnostic> found = new ArrayList<>();
        /** Whether these are a model's: its statement {@code loss} is the loss, and conditions are values too. */
        private final boolean model;
        Integer loss;

        Statements(boolean model) {
            this.model = model;
        }

        void lower(FluxionParser.StatementContext st) {
            if (st instanceof FluxionParser.AssignStatementContext as) {
                FluxionParser.AssignmentContext a = as.assignment();
                expressions.statement(a.ID().getSymbol(), found, () -> {
                    int value = expressions.expression(a.test());
                    define(a.ID().getSymbol(), value, expressions.lastIsCondition());
                });
            } else if (st instanceof FluxionParser.UnpackStatementContext us) {
                FluxionParser.UnpackingContext u = us.unpacking();
                expressions.statement(u.names, found, () -> {
                    List<Integer> unpacked = expressions.unpack(u);
                    for (int k = 0; k < unpacked.size(); k++) {
                        define(u.names.get(k), unpacked.get(k), false);
                    }
                });
            } else if (st instanceof FluxionParser.ForStatementContext f) {
                expressions.statement(List.of(), found, () -> {
                    expressions.loop(f);
                    // A statement the loop assigned (a carried variable) is read, and is the loss, as it ends.
                    for (int k = 0; k < names.size(); k++) {
                        int now = expressions.scope.get(names.get(k));
                        if (now != values.get(k)) {
                            values.set(k, now);
                            if (model && names.get(k).equals(ModelProgram.LOSS)) {
                                loss = now;
                            }
                        }
                    }
                });
            }
        }

        private void define(Token name, int value, boolean condition) {
            if (model) {
                loss = statement(name, value, condition, loss);
            } else if (condition) {
                expressions.defineCondition(name, value);
            } else {
                expressions.define(name, value);
            }
            if (model || !condition) {
                names.add(name.getText());
                values.add(value);
            }
        }
    }

    /** Defines the statement {@code name = value}; returns the loss, this value if it is the loss. */
    private Integer statement(Token name, int value, boolean condition, Integer loss) {
        if (condition) {
            expressions.defineCondition(name, value);
        } else {
            expressions.define(name, value);
        }
        if (!name.getText().equals(ModelProgram.LOSS)) {
            return loss;
        }
        if (condition) {
            throw expressions.errorAt(name, "the loss must be a number, and this is a condition");
        }
        if (!b.node(value).shape().isScalar()) {
            throw expressions.errorAt(name, "the loss must be a scalar, got shape " + b.node(value).shape()
                    + " (reduce it, e.g. loss = mean(...))");
        }
        return value;
    }

    private void declare(Token name, Shape shape, int classes, String init, List<Declaration> into, int array) {
        int id = b.input(array, into.size(), shape);
        expressions.define(name, id);
        expressions.parameters.add(name.getText());
        into.add(new Declaration(name.getText(), shape, classes, init));
        declared.add(name.getText());
        expressions.known(declared);
    }

    /** The initializer as the runtime reads it: {@code name} or {@code name(a,b)}, numbers as written. */
    private static String initializer(FluxionParser.InitializerContext c) {
        if (c.args.isEmpty()) {
            return c.name.getText();
        }
        return c.name.getText() + "(" + String.join(",", c.args.stream().map(FluxionParser.SignedContext::getText).toList()) + ")";
    }

    private Shape shape(FluxionParser.ShapeContext s, boolean batchAllowed) {
        int[] dims = new int[s.dims.size()];
        for (int i = 0; i < dims.length; i++) {
            FluxionParser.DimensionContext d = s.dims.get(i);
            if (d instanceof FluxionParser.NamedDimensionContext n) {
                if (!n.ID().getText().equals("B")) {
                    throw expressions.errorAt(n.getStart(), "unknown dimension '" + n.ID().getText()
                            + "': a dimension is a whole number or B (the batch size)");
                }
                if (!batchAllowed) {
                    throw expressions.errorAt(n.getStart(), "a parameter's shape cannot use the batch size B");
                }
                dims[i] = Shape.BATCH;
            } else {
                dims[i] = wholeNumber(((FluxionParser.FixedDimensionContext) d).NUMBER().getSymbol(), "a dimension");
            }
        }
        return Shape.of(dims);
    }

    private int wholeNumber(Token t, String what) {
        double v = Double.parseDouble(t.getText());
        if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
            throw expressions.errorAt(t, what + " must be a positive whole number, got " + t.getText());
        }
        return (int) v;
    }
}
