package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.NameAllocator;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Kernel;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.ModelProgram;
import dev.fluxion.compiler.ir.ModelProgram.Declaration;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Printer;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.tensor.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * Builds the Java source of a class implementing {@link Model} from a model's gradient
 * graph (ports inputs, params; outputs loss, values, grad).
 *
 * <p>Layout of the generated class: one {@code double[]} field per parameter and per
 * gradient (allocated in the constructor), one per computed node (allocated once; those
 * whose shape involves B are re-allocated only when the batch size grows), and one
 * private method per node holding its loops, with the subexpression it computes as its
 * comment. Small methods keep every loop under HotSpot's 8,000-byte compilation limit.
 * The node that computes a parameter's gradient writes straight into the gradient
 * buffer, so a training step allocates and copies nothing.
 *
 * <p>{@code sgdStep} runs the same kernels, except that a parameter whose gradient is computed
 * by an op that can add a multiple of its result into another buffer ({@code matmul}: W1's
 * gradient xᵀ·g) is updated by that op directly, −η times the gradient added into the
 * parameter, when nothing after it reads the parameter or the gradient. The other parameters
 * get {@code w -= η·g} from their stored gradients at the end. Either way the parameters end
 * the same, bit for bit, as after {@code lossAndGradient} and a plain SGD step.
 */
public final class ModelEmitter {

    private static final TypeName DOUBLES = ArrayTypeName.of(double.class);
    private static final TypeName MATRIX = ArrayTypeName.of(DOUBLES);
    private static final TypeName STRINGS = ArrayTypeName.of(String.class);
    private static final TypeName INT_MATRIX = ArrayTypeName.of(ArrayTypeName.of(int.class));

    private final ModelProgram model;
    private final Graph g;
    /** Names of fields (and, through copies, of each method's locals). */
    private final NameAllocator names = new NameAllocator();
    /** Names of methods: each node's kernel and each fused update. */
    private final NameAllocator methodNames = new NameAllocator();
    /** Field holding each node's value (parameters, inputs, constants and computed nodes). */
    private final String[] buffers;
    private final boolean[] computed;
    private final String[] paramFields;
    private final String[] gradFields;
    private final String[] inputFields;
    /** Each parameter's direction, in a class with forward mode (else null). */
    private final String[] directionFields;
    /** The input port of the direction, or -1 without forward mode. */
    private final int directionArray;
    /** For each parameter, whether its gradient node writes into the gradient buffer directly. */
    private final boolean[] aliased;

    /** The arithmetic of matrix products. */
    private final Precision precision;

    private ModelEmitter(ModelProgram model, Graph gradient, Precision precision) {
        this.model = model;
        this.precision = precision;
        this.g = gradient;
        // the parameters of the methods written here, which a field must not be called (the
        // method names are kept from fields too, for readability)
        for (String reserved : List.of("batch", "inputs", "capacity", "output", "allocate", "bind", "name",
                "parameters", "gradients", "loss", "lossAndGradient", "evaluate", "sgdStep", "learningRate",
                "scale", "direction", "jvp", "hessianVector", "bindDirection", "result")) {
            names.newName(reserved, reserved);
        }
        for (String method : List.of("allocate", "bind", "deepCopy", "name", "parameterNames", "parameterShapes",
                "parameterInitializers", "parameters", "gradients", "inputNames", "inputShapes", "outputNames",
                "loss", "lossAndGradient", "evaluate", "sgdStep", "jvp", "hessianVector", "bindDirection")) {
            methodNames.newName(method, method);
        }
        buffers = new String[g.size()];
        computed = new boolean[g.size()];
        List<Declaration> params = model.params();
        paramFields = new String[params.size()];
        gradFields = new String[params.size()];
        aliased = new boolean[params.size()];
        inputFields = new String[model.inputs().size()];
        for (int i = 0; i < params.size(); i++) {
            paramFields[i] = Identifiers.variable(names, params.get(i).name(), "param" + i);
            gradFields[i] = Identifiers.variable(names, "grad_" + params.get(i).name(), "grad" + i);
        }
        for (int i = 0; i < inputFields.length; i++) {
            inputFields[i] = Identifiers.variable(names, model.inputs().get(i).name(), "input" + i);
        }
        directionArray = indexOf(g.inputs(), ModelProgram.DIRECTION);
        directionFields = directionArray < 0 ? null : new String[params.size()];
        for (int i = 0; directionFields != null && i < params.size(); i++) {
            directionFields[i] = Identifiers.variable(names, "direction_" + params.get(i).name(), "direction" + i);
        }
        Port grad = g.output(ModelProgram.GRAD);
        boolean[] taken = new boolean[g.size()];
        for (int p = 0; p < params.size(); p++) {
            int id = grad.node(p);
            if (!(g.node(id).op() instanceof Leaf) && !taken[id] && g.node(id).shape().equals(params.get(p).shape())) {
                taken[id] = true;
                aliased[p] = true;
                buffers[id] = gradFields[p];
            }
        }
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.INPUT) {
                InputRef ref = (InputRef) n.attr();
                buffers[i] = ref.array() == ModelProgram.PARAM_ARRAY ? paramFields[ref.index()]
                        : ref.array() == directionArray ? directionFields[ref.index()] : inputFields[ref.index()];
            } else if (buffers[i] == null) {
                String hint = g.hint(i);
                buffers[i] = Identifiers.variable(names, hint != null ? hint : "v" + i, "node" + i);
                computed[i] = n.op() != Leaf.CONST;
            } else {
                computed[i] = true;
            }
            if (computed[i]) {
                methodNames.newName("compute_" + buffers[i], "kernel" + i);
            }
        }
    }

    /**
     * The source of {@code packageName.className} for {@code model}, given its gradient graph,
     * with matrix products in {@code precision}.
     */
    public static String emit(ModelProgram model, Graph gradient, String packageName, String className,
                              Precision precision) {
        if (!SourceVersion.isIdentifier(className) || SourceVersion.isKeyword(className)) {
            throw new IllegalArgumentException("not a Java class name: " + className);
        }
        TypeSpec type = new ModelEmitter(model, gradient, precision).type(className);
        return JavaFile.builder(packageName, type).skipJavaLangImports(true).indent("    ")
                .addFileComment("Generated by Fluxion from model $L. Do not edit.", model.name()).build().toString();
    }

    private TypeSpec type(String className) {
        TypeSpec.Builder t = TypeSpec.classBuilder(className)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(Model.class)
                .addJavadoc("Model $L: loss and reverse-mode gradient$L over flat row-major buffers.\n", model.name(),
                        directionFields == null ? "" : hasOutput("d" + ModelProgram.GRAD)
                        ? ", forward-mode jvp and Hessian-vector products" : ", forward-mode jvp");
        List<Declaration> params = model.params();
        List<Declaration> inputs = model.inputs();
        t.addField(constant(STRINGS, "PARAMETER_NAMES", strings(params.stream().map(Declaration::name).toList())));
        t.addField(constant(INT_MATRIX, "PARAMETER_SHAPES", shapes(params)));
        t.addField(constant(STRINGS, "PARAMETER_INITIALIZERS", strings(params.stream().map(Declaration::init).toList())));
        t.addField(constant(STRINGS, "INPUT_NAMES", strings(inputs.stream().map(Declaration::name).toList())));
        t.addField(constant(INT_MATRIX, "INPUT_SHAPES", shapes(inputs)));
        t.addField(constant(STRINGS, "OUTPUT_NAMES", strings(model.valueNames())));
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
        for (int p = 0; p < params.size(); p++) {
            long size = params.get(p).shape().size();
            t.addField(FieldSpec.builder(DOUBLES, paramFields[p], Modifier.PRIVATE, Modifier.FINAL)
                    .initializer("new double[$L]", size).build());
            t.addField(FieldSpec.builder(DOUBLES, gradFields[p], Modifier.PRIVATE, Modifier.FINAL)
                    .initializer("new double[$L]", size).build());
        }
        for (int i = 0; i < inputFields.length; i++) {
            t.addField(FieldSpec.builder(DOUBLES, inputFields[i], Modifier.PRIVATE).addJavadoc(
                    "Input $L $L of the current call.\n", inputs.get(i).name(), inputs.get(i).shape()).build());
        }
        for (int p = 0; directionFields != null && p < params.size(); p++) {
            t.addField(FieldSpec.builder(DOUBLES, directionFields[p], Modifier.PRIVATE).addJavadoc(
                    "The direction of parameter $L $L in the current call of jvp or hessianVector.\n",
                    params.get(p).name(), params.get(p).shape()).build());
        }
        t.addField(FieldSpec.builder(int.class, "capacity", Modifier.PRIVATE)
                .addJavadoc("The batch size the B-shaped buffers are allocated for.\n").build());
        MethodSpec.Builder allocate = MethodSpec.methodBuilder("allocate").addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "batch")
                .addJavadoc("(Re)allocates the buffers whose shape involves B, for a larger batch.\n");
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.CONST) {
                t.addField(FieldSpec.builder(DOUBLES, buffers[i], Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("{$L}", Leaf.javaLiteral((Double) n.attr())).build());
            } else if (computed[i] && !isGradBuffer(i)) {
                FieldSpec.Builder f = FieldSpec.builder(DOUBLES, buffers[i], Modifier.PRIVATE)
                        .addJavadoc("$L\n", n.shape());
                if (n.shape().hasBatch()) {
                    allocate.addStatement("$N = new double[$L]", buffers[i], Kernel.extent(n.shape()));
                } else {
                    f.initializer("new double[$L]", n.shape().size());
                }
                t.addField(f.build());
            }
        }
        t.addMethod(ctor.build());
        t.addMethod(allocate.build());
        t.addMethod(bind());
        String[] comments = Printer.comments(g, i -> buffers[i], 100);
        for (int i = 0; i < g.size(); i++) {
            if (computed[i]) {
                t.addMethod(kernel(i, comments[i]));
            }
        }
        MethodSpec[] updates = new MethodSpec[paramFields.length];
        boolean[] stepNodes = g.reachableFrom(List.of(g.output(ModelProgram.LOSS), g.output(ModelProgram.GRAD)));
        for (int p = 0; p < paramFields.length; p++) {
            updates[p] = fusedUpdate(p, comments[g.output(ModelProgram.GRAD).node(p)], stepNodes);
            if (updates[p] != null) {
                t.addMethod(updates[p]);
            }
        }
        addAccessors(t);
        Port loss = g.output(ModelProgram.LOSS);
        t.addMethod(MethodSpec.methodBuilder("loss").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(double.class).addParameter(MATRIX, "inputs").addParameter(int.class, "batch")
                .addStatement("bind(inputs, batch)").addCode(run(List.of(loss)))
                .addStatement("return $N[0]", buffers[loss.node(0)]).build());
        t.addMethod(lossAndGradient());
        t.addMethod(sgdStep(updates));
        t.addMethod(evaluate());
        if (directionFields != null) {
            t.addMethod(bindDirection());
            t.addMethod(jvp());
            if (hasOutput("d" + ModelProgram.GRAD)) {
                t.addMethod(hessianVector());
            }
        }
        return t.build();
    }

    private boolean isGradBuffer(int id) {
        for (int p = 0; p < gradFields.length; p++) {
            if (aliased[p] && g.output(ModelProgram.GRAD).node(p) == id) {
                return true;
            }
        }
        return false;
    }

    /** Checks the inputs' lengths against the batch, keeps them, and grows the buffers if needed. */
    private MethodSpec bind() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("bind").addModifiers(Modifier.PRIVATE)
                .addParameter(MATRIX, "inputs").addParameter(int.class, "batch");
        m.beginControlFlow("if (batch < 1)")
                .addStatement("throw new $T($S + batch)", IllegalArgumentException.class, "batch size must be >= 1, got ")
                .endControlFlow();
        m.beginControlFlow("if (inputs == null || inputs.length != $L)", inputFields.length)
                .addStatement("throw new $T($S)", IllegalArgumentException.class,
                        "expected " + inputFields.length + " inputs " + model.inputs().stream().map(Declaration::name).toList())
                .endControlFlow();
        for (int i = 0; i < inputFields.length; i++) {
            Shape s = model.inputs().get(i).shape();
            CodeBlock size = Kernel.extent(s);
            m.beginControlFlow("if (inputs[$L] == null || inputs[$L].length != $L)", i, i, size)
                    .addStatement("throw new $T($S + ($L) + $S)", IllegalArgumentException.class,
                            "input " + model.inputs().get(i).name() + " " + s + " needs ", size, " values")
                    .endControlFlow();
            m.addStatement("$N = inputs[$L]", inputFields[i], i);
        }
        m.addCode(sizeChecks());
        m.beginControlFlow("if (batch > capacity)").addStatement("allocate(batch)").addStatement("capacity = batch")
                .endControlFlow();
        return m.build();
    }

    /**
     * For each power of B among the buffers' shapes, the check that the largest buffer with it
     * fits a Java array at this batch size (a [B, B] value of batch 50,000 would not), so a
     * batch too large is refused by name instead of overflowing an int.
     */
    private CodeBlock sizeChecks() {
        java.util.TreeMap<Integer, Shape> largest = new java.util.TreeMap<>();
        for (int i = 0; i < g.size(); i++) {
            Shape s = g.node(i).shape();
            if (s.hasBatch() && (!largest.containsKey(s.batchCount())
                    || largest.get(s.batchCount()).staticSize() < s.staticSize())) {
                largest.put(s.batchCount(), s);
            }
        }
        CodeBlock.Builder c = CodeBlock.builder();
        for (Shape s : largest.values()) {
            c.beginControlFlow("if ((long) $L > $T.MAX_VALUE - 8)", Kernel.extent(s), Integer.class)
                    .addStatement("throw new $T($S + batch + $S)", IllegalArgumentException.class, "batch size ",
                            " is too large: a value of shape " + s + " would not fit in a Java array")
                    .endControlFlow();
        }
        return c.build();
    }

    private MethodSpec kernel(int id, String comment) {
        Node n = g.node(id);
        ModelKernel k = new ModelKernel(g, id, buffers, names, precision);
        n.op().emitKernel(k);
        MethodSpec.Builder m = MethodSpec.methodBuilder(kernelName(id)).addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "batch")
                .addJavadoc("$N = $L  $L\n", buffers[id], comment == null ? n.op().name() : comment, n.shape());
        List<Integer> locals = new ArrayList<>();
        locals.add(id);
        for (int a : n.args()) {
            if (!locals.contains(a)) {
                locals.add(a);
            }
        }
        for (int b : locals) {
            m.addStatement("final double[] $N = this.$N", buffers[b], buffers[b]);
        }
        return m.addCode(k.code().build()).build();
    }

    private String kernelName(int id) {
        return methodNames.get("kernel" + id);
    }

    /** Calls the kernels of every node the given outputs depend on, in order. */
    private CodeBlock run(List<Port> ports) {
        return run(ports, new MethodSpec[paramFields.length]);
    }

    /**
     * The same, calling {@code updates[p]} (when not null) instead of the kernel of parameter
     * p's gradient, with the local {@code scale}.
     */
    private CodeBlock run(List<Port> ports, MethodSpec[] updates) {
        boolean[] live = g.reachableFrom(ports);
        Port grad = g.output(ModelProgram.GRAD);
        CodeBlock.Builder c = CodeBlock.builder();
        for (int i = 0; i < g.size(); i++) {
            if (!live[i] || !computed[i]) {
                continue;
            }
            MethodSpec update = null;
            for (int p = 0; p < updates.length; p++) {
                if (updates[p] != null && grad.node(p) == i) {
                    update = updates[p];
                }
            }
            if (update != null) {
                c.addStatement("$N(batch, scale)", update);
            } else {
                c.addStatement("$N(batch)", kernelName(i));
            }
        }
        return c.build();
    }

    private MethodSpec lossAndGradient() {
        Port loss = g.output(ModelProgram.LOSS);
        Port grad = g.output(ModelProgram.GRAD);
        MethodSpec.Builder m = MethodSpec.methodBuilder("lossAndGradient").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(double.class).addParameter(MATRIX, "inputs")
                .addParameter(int.class, "batch").addStatement("bind(inputs, batch)")
                .addCode(run(List.of(loss, grad)));
        for (int p = 0; p < gradFields.length; p++) {
            storeGradient(m, p);
        }
        return m.addStatement("return $N[0]", buffers[loss.node(0)]).build();
    }

    /** Copies parameter p's gradient into its buffer, unless the node computing it writes there itself. */
    private void storeGradient(MethodSpec.Builder m, int p) {
        int id = g.output(ModelProgram.GRAD).node(p);
        if (aliased[p]) {
            return;
        }
        copy(m, id, CodeBlock.of("$N", gradFields[p]), model.params().get(p).shape().size());
    }

    /** {@code target} (size values) := node id's value, broadcast when the node is a scalar or constant. */
    private void copy(MethodSpec.Builder m, int id, CodeBlock target, long size) {
        Node n = g.node(id);
        if (n.op() == Leaf.CONST || n.shape().isScalar()) {
            m.addStatement("$T.fill($L, $N[0])", Arrays.class, target, buffers[id]);
        } else {
            m.addStatement("$T.arraycopy($N, 0, $L, 0, $L)", System.class, buffers[id], target, size);
        }
    }

    /**
     * The method that updates parameter p inside the op computing its gradient (its buffer +=
     * scale × the gradient, never stored), or null if that is not safe or the op cannot: the
     * gradient must have a node of its own writing into the gradient buffer, the node must not
     * read the parameter, and no node computed after it may read the parameter or the gradient
     * ({@code live}: the nodes a training step computes).
     */
    private MethodSpec fusedUpdate(int p, String comment, boolean[] live) {
        Port grad = g.output(ModelProgram.GRAD);
        int id = grad.node(p);
        if (!aliased[p]) {
            return null;
        }
        for (int j = 0; j < g.size(); j++) {
            if (!live[j] || j == id || g.node(j).op() instanceof Leaf) {
                continue;
            }
            for (int a : g.node(j).args()) {
                if (a == id || (j > id && isParameter(a, p))) {
                    return null;
                }
            }
        }
        for (int a : g.node(id).args()) {
            if (isParameter(a, p)) {
                return null;
            }
        }
        ModelKernel k = new ModelKernel(g, id, buffers, names, precision, paramFields[p]);
        if (!g.node(id).op().emitScaledAdd(k, CodeBlock.of("scale"))) {
            return null;
        }
        MethodSpec.Builder m = MethodSpec.methodBuilder(methodNames.newName("update_" + paramFields[p], "update" + p))
                .addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "batch").addParameter(double.class, "scale")
                .addJavadoc("$N += scale * $L  $L\n", paramFields[p],
                        comment == null ? g.node(id).op().name() : comment, g.node(id).shape())
                .addJavadoc("\n<p>The SGD step of $N (scale = -learningRate) inside the op that computes its gradient,\n"
                        + "which is not stored in $N.\n", paramFields[p], gradFields[p]);
        List<String> locals = new ArrayList<>();
        locals.add(paramFields[p]);
        for (int a : g.node(id).args()) {
            if (!locals.contains(buffers[a])) {
                locals.add(buffers[a]);
            }
        }
        for (String b : locals) {
            m.addStatement("final double[] $N = this.$N", b, b);
        }
        return m.addCode(k.code().build()).build();
    }

    /** Whether node {@code id} is the leaf of parameter p. */
    private boolean isParameter(int id, int p) {
        Node n = g.node(id);
        return n.op() == Leaf.INPUT && n.attr() instanceof InputRef ref && ref.array() == ModelProgram.PARAM_ARRAY
                && ref.index() == p;
    }

    /**
     * One step of plain SGD: the kernels of {@code lossAndGradient}, with the fused updates in
     * place of the gradients they replace, then {@code w -= learningRate * g} for the others.
     */
    private MethodSpec sgdStep(MethodSpec[] updates) {
        Port loss = g.output(ModelProgram.LOSS);
        Port grad = g.output(ModelProgram.GRAD);
        MethodSpec.Builder m = MethodSpec.methodBuilder("sgdStep").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(double.class).addParameter(MATRIX, "inputs")
                .addParameter(int.class, "batch").addParameter(double.class, "learningRate")
                .addStatement("bind(inputs, batch)")
                .addStatement("double scale = -learningRate")
                .addCode(run(List.of(loss, grad), updates));
        for (int p = 0; p < gradFields.length; p++) {
            if (updates[p] != null) {
                continue;
            }
            storeGradient(m, p);
            String i = names.clone().newName("i");      // not a field's name
            m.addComment("$N -= learningRate * $N", paramFields[p], gradFields[p])
                    .beginControlFlow("for (int $N = 0; $N < $L; $N++)", i, i, model.params().get(p).shape().size(), i)
                    .addStatement("$N[$N] -= learningRate * $N[$N]", paramFields[p], i, gradFields[p], i)
                    .endControlFlow();
        }
        return m.addStatement("return $N[0]", buffers[loss.node(0)]).build();
    }

    /** Checks the direction's lengths against the parameters' and keeps it. */
    private MethodSpec bindDirection() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("bindDirection").addModifiers(Modifier.PRIVATE)
                .addParameter(MATRIX, "direction");
        List<Declaration> params = model.params();
        m.beginControlFlow("if (direction == null || direction.length != $L)", params.size())
                .addStatement("throw new $T($S)", IllegalArgumentException.class, "expected a direction of "
                        + params.size() + " parameters " + params.stream().map(Declaration::name).toList())
                .endControlFlow();
        for (int p = 0; p < params.size(); p++) {
            long size = params.get(p).shape().size();
            m.beginControlFlow("if (direction[$L] == null || direction[$L].length != $L)", p, p, size)
                    .addStatement("throw new $T($S)", IllegalArgumentException.class, "the direction of "
                            + params.get(p).name() + " " + params.get(p).shape() + " needs " + size + " values")
                    .endControlFlow();
            m.addStatement("$N = direction[$L]", directionFields[p], p);
        }
        return m.build();
    }

    /** The loss's tangent in the direction: the forward-mode nodes alone, no backward sweep. */
    private MethodSpec jvp() {
        Port dloss = g.output("d" + ModelProgram.LOSS);
        return MethodSpec.methodBuilder("jvp").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(double.class).addParameter(MATRIX, "inputs").addParameter(int.class, "batch")
                .addParameter(MATRIX, "direction").addStatement("bind(inputs, batch)")
                .addStatement("bindDirection(direction)").addCode(run(List.of(dloss)))
                .addStatement("return $N[0]", buffers[dloss.node(0)]).build();
    }

    /** The gradient's tangent in the direction (H·v), copied into new arrays. */
    private MethodSpec hessianVector() {
        Port dgrad = g.output("d" + ModelProgram.GRAD);
        MethodSpec.Builder m = MethodSpec.methodBuilder("hessianVector").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(MATRIX).addParameter(MATRIX, "inputs")
                .addParameter(int.class, "batch").addParameter(MATRIX, "direction")
                .addStatement("bind(inputs, batch)").addStatement("bindDirection(direction)")
                .addCode(run(List.of(dgrad)))
                .addStatement("double[][] result = new double[$L][]", paramFields.length);
        for (int p = 0; p < paramFields.length; p++) {
            long size = model.params().get(p).shape().size();
            m.addStatement("result[$L] = new double[$L]", p, size);
            copy(m, dgrad.node(p), CodeBlock.of("result[$L]", p), size);
        }
        return m.addStatement("return result").build();
    }

    private boolean hasOutput(String name) {
        return g.outputs().stream().anyMatch(o -> o.name().equals(name));
    }

    private static int indexOf(List<Port> ports, String name) {
        for (int k = 0; k < ports.size(); k++) {
            if (ports.get(k).name().equals(name)) {
                return k;
            }
        }
        return -1;
    }

    private MethodSpec evaluate() {
        Port values = g.output(ModelProgram.VALUES);
        MethodSpec.Builder m = MethodSpec.methodBuilder("evaluate").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(DOUBLES).addParameter(String.class, "output")
                .addParameter(MATRIX, "inputs").addParameter(int.class, "batch").addStatement("bind(inputs, batch)");
        for (int v = 0; v < values.size(); v++) {
            int id = values.node(v);
            Shape s = g.node(id).shape();
            CodeBlock size = Kernel.extent(s);
            m.beginControlFlow("if ($S.equals(output))", values.labels().get(v))
                    .addCode(run(List.of(new Port("one", List.of("v"), List.of(id)))))
                    .addStatement("return $T.copyOf($N, $L)", Arrays.class, buffers[id], size)
                    .endControlFlow();
        }
        return m.addStatement("throw new $T($S + output + $S)", IllegalArgumentException.class, "no output named '",
                "'; the outputs are " + values.labels()).build();
    }

    private void addAccessors(TypeSpec.Builder t) {
        t.addMethod(getter("name", String.class, CodeBlock.of("return $S", model.name())));
        t.addMethod(getter("parameterNames", STRINGS, CodeBlock.of("return ($T[]) PARAMETER_NAMES.clone()", String.class)));
        t.addMethod(getter("parameterShapes", INT_MATRIX, CodeBlock.of("return deepCopy(PARAMETER_SHAPES)")));
        t.addMethod(getter("parameterInitializers", STRINGS, CodeBlock.of("return ($T[]) PARAMETER_INITIALIZERS.clone()", String.class)));
        t.addMethod(getter("parameters", MATRIX, CodeBlock.of("return new double[][] {$L}", join(paramFields))));
        t.addMethod(getter("gradients", MATRIX, CodeBlock.of("return new double[][] {$L}", join(gradFields))));
        t.addMethod(getter("inputNames", STRINGS, CodeBlock.of("return ($T[]) INPUT_NAMES.clone()", String.class)));
        t.addMethod(getter("inputShapes", INT_MATRIX, CodeBlock.of("return deepCopy(INPUT_SHAPES)")));
        t.addMethod(getter("outputNames", STRINGS, CodeBlock.of("return ($T[]) OUTPUT_NAMES.clone()", String.class)));
        t.addMethod(MethodSpec.methodBuilder("deepCopy").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(INT_MATRIX).addParameter(INT_MATRIX, "a")
                .addStatement("int[][] r = new int[a.length][]")
                .beginControlFlow("for (int i = 0; i < a.length; i++)").addStatement("r[i] = (int[]) a[i].clone()")
                .endControlFlow().addStatement("return r").build());
    }

    private static MethodSpec getter(String name, java.lang.reflect.Type type, CodeBlock body) {
        return getter(name, TypeName.get(type), body);
    }

    private static MethodSpec getter(String name, TypeName type, CodeBlock body) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(type).addStatement(body).build();
    }

    private static FieldSpec constant(TypeName type, String name, CodeBlock init) {
        return FieldSpec.builder(type, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).initializer(init).build();
    }

    private static CodeBlock strings(List<String> values) {
        List<CodeBlock> parts = new ArrayList<>();
        for (String v : values) {
            parts.add(CodeBlock.of("$S", v));
        }
        return CodeBlock.of("{$L}", CodeBlock.join(parts, ", "));
    }

    private static CodeBlock shapes(List<Declaration> decls) {
        List<CodeBlock> parts = new ArrayList<>();
        for (Declaration d : decls) {
            List<CodeBlock> dims = new ArrayList<>();
            for (int x : d.shape().dims()) {
                dims.add(CodeBlock.of("$L", x));
            }
            parts.add(CodeBlock.of("{$L}", CodeBlock.join(dims, ", ")));
        }
        return CodeBlock.of("{$L}", CodeBlock.join(parts, ", "));
    }

    private static String join(String[] fields) {
        return String.join(", ", fields);
    }
}
