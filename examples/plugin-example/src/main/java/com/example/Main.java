package com.example;

import com.example.ad.Lecture;
import com.example.ad.SigmoidNeuron;
import com.example.ad.SoftmaxRegression;
import com.example.ad.geometry.Polar;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.model.Model;
import java.util.Arrays;

/**
 * Calls the classes fluxion-maven-plugin generated from src/main/fluxion at build time.
 * They are plain Java classes implementing {@link DifferentiableFunction} (programs) or
 * {@link Model} (models): no parsing or compiling happens here, and only fluxion-runtime is
 * on the class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // ln(x1) + x1*x2 - sin(x2) at (2, 5): value, gradient (reverse mode) and Hessian.
        DifferentiableFunction lecture = new Lecture();
        double[] x = {2, 5};
        double[] grad = new double[2];
        double value = lecture.gradient(x, grad);
        double[] hessian = new double[4];
        lecture.hessian(x, hessian);
        System.out.println("lecture.inputs " + String.join(",", lecture.inputNames()));
        System.out.println("lecture.value " + value);
        System.out.println("lecture.gradient " + Arrays.toString(grad));
        System.out.println("lecture.hessian " + Arrays.toString(hessian));

        // A sigmoid neuron: the gradient with respect to weights, inputs and bias in one sweep.
        DifferentiableFunction neuron = new SigmoidNeuron();
        double[] p = {2, -1, -3, -2, -3};
        double[] pGrad = new double[5];
        double out = neuron.gradient(p, pGrad);
        System.out.println("neuron.value " + out);
        System.out.println("neuron.gradient " + Arrays.toString(pGrad));

        // Polar coordinates, R^2 -> R^2: the Jacobian in the mode chosen at build time,
        // and a Jacobian-vector product (forward mode).
        Polar polar = new Polar();
        double[] rt = {2, Math.PI / 6};
        double[] xy = new double[2];
        double[] jacobian = new double[4];
        polar.jacobian(rt, xy, jacobian);
        double[] tangent = new double[2];
        polar.jvp(rt, new double[] {1, 0}, new double[2], tangent);
        System.out.println("polar.value " + Arrays.toString(xy));
        System.out.println("polar.jacobian " + Arrays.toString(jacobian));
        System.out.println("polar.jvp " + Arrays.toString(tangent));

        // Softmax regression (a model): the loss and its gradient with respect to every
        // parameter, in one reverse pass, on a fixed batch of two examples.
        Model model = new SoftmaxRegression();
        double[] w = {0.2, -0.1, 0.0, 0.5, 0.3, -0.4, -0.3, 0.1, 0.2, 0.05, -0.2, 0.4}; // W[4, 3], row-major
        double[] b = {0.1, -0.2, 0.05};
        System.arraycopy(w, 0, model.parameters()[0], 0, w.length);
        System.arraycopy(b, 0, model.parameters()[1], 0, b.length);
        double[] features = {1.0, 2.0, 0.5, -1.0, 0.3, -0.7, 1.5, 2.0}; // x[2, 4]
        double[] labels = {2, 0};                                       // y[2], class indices
        double loss = model.lossAndGradient(new double[][] {features, labels}, 2);
        System.out.println("model.parameters " + String.join(",", model.parameterNames()));
        System.out.println("model.loss " + loss);
        System.out.println("model.gradient.W " + Arrays.toString(model.gradients()[0]));
        System.out.println("model.gradient.b " + Arrays.toString(model.gradients()[1]));
    }
}
