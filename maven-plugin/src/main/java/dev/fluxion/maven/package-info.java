/**
 * Build-time generation: the {@code fluxion:generate} goal turns the {@code .flx} programs
 * of a project into Java sources that depend on the Fluxion runtime jar alone.
 *
 * <p>{@link dev.fluxion.maven.GenerateMojo} is a thin adapter between Maven and
 * {@link dev.fluxion.maven.Generator}, which holds all the logic (scanning, incremental
 * state, deletion of stale outputs, error reporting) and is tested without Maven. The
 * source written is exactly what {@link dev.fluxion.compiler.Compilation#of} produces for
 * the same program and options, so a class generated at build time and one compiled at
 * run time are the same class.
 */
package dev.fluxion.maven;
