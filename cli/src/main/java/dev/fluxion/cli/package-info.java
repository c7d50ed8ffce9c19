/** The {@code fluxion} command line tool. */
package dev.fluxion.cli;
