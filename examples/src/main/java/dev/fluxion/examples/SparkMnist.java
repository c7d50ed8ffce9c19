package dev.fluxion.examples;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.optim.Sgd;
import dev.fluxion.runtime.train.History;
import dev.fluxion.runtime.train.TrainingConfig;
import dev.fluxion.spark.ExampleData;
import dev.fluxion.spark.ModelCode;
import dev.fluxion.spark.SparkTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@link MnistMlp}'s run, trained on Apache Spark in local mode ({@code local[2]}, or the master
 * given by the system property {@code spark.master}): the same program, initialization, seed,
 * minibatches and plain SGD, each step's gradient summed by the executors over 4 partitions of
 * the training set. The parameters follow the single-machine run's to rounding, so it reaches
 * the same accuracy (target 93.5%). Writes the same files as {@code MnistMlp}.
 */
public final class SparkMnist {

    private SparkMnist() {
    }

    /** Runs the example; see {@link Options} for the arguments ({@code --init} and {@code --precision} are not taken). */
    public static void main(String[] args) throws IOException {
        Options options = Options.parseOrExit("spark-mnist", args).withoutInit("spark-mnist");
        Recipe recipe = options.apply(MnistMlp.RECIPE);
        Dataset.Split split = Mnist.load(options.data());
        String master = System.getProperty("spark.master", "local[2]");
        System.out.println("MLP 784-128-10 on MNIST (" + Mnist.TRAIN + " train, " + Mnist.TEST + " test) on Spark "
                + master + ", " + recipe.describe());
        long t0 = System.nanoTime();
        CompiledModel compiled = Fluxion.create().compileModel(Programs.read("mlp.flx"));
        ModelCode code = ModelCode.ofSource(compiled.compilation().qualifiedClassName(), compiled.javaSource());
        double compile = (System.nanoTime() - t0) * 1e-9;
        Model model = compiled.newModel();
        Initializers.initialize(model, recipe.initSeed());
        SparkConf conf = new SparkConf().setMaster(master).setAppName("fluxion SparkMnist")
                .set("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        try (SparkSession spark = SparkSession.builder().config(conf).getOrCreate()) {
            spark.sparkContext().setLogLevel("WARN");
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            TrainingConfig config = TrainingConfig.of(recipe.epochs(), recipe.batchSize())
                    .withSeed(recipe.shuffleSeed()).withEvalBatchSize(500).withLogits("logits");
            ExampleData train = ExampleData.fromDataset(sc, split.train(), model, config, 4);
            ExampleData test = ExampleData.fromDataset(sc, split.test(), model, config, 2);
            long t1 = System.nanoTime();
            History history = new SparkTrainer(sc, config, Classifier.progress(options))
                    .fit(code, model, Sgd.of(recipe.learningRate()), train, test);
            double seconds = (System.nanoTime() - t1) * 1e-9;
            List<Path> files = RunOutputs.write(model, history, "MLP 784-128-10, MNIST, on Spark " + master,
                    options.out());
            boolean met = Report.print("spark-mnist", history, MnistMlp.TARGET, compile, seconds, files);
            if (!met && recipe.epochs() == MnistMlp.RECIPE.epochs()) {
                System.exit(2);
            }
        }
    }
}
