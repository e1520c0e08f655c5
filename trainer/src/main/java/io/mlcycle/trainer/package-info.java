/**
 * The built-in trainer: a command-line program ({@link io.mlcycle.trainer.TrainerMain}) that reads a CSV dataset,
 * trains XGBoost or the built-in MLP, and writes what the inference runtime serves and the operator registers.
 *
 * <p>Packages, outer first; each uses only those below it:
 * <ol>
 *   <li>this one: the entry point, the steps of one run, exit codes and the termination message;</li>
 *   <li>{@code output}: the model archive, its manifest, the result summary, and where they are written;</li>
 *   <li>{@code train}: XGBoost and the MLP, with progress lines;</li>
 *   <li>{@code profile}, {@code metrics}: the reference profile of the training rows and validation metrics;</li>
 *   <li>{@code data}: fetching, parsing, typing, encoding and splitting the dataset;</li>
 *   <li>{@code settings}: the environment contract.</li>
 * </ol>
 * The one reference upwards: every package ends a run by throwing {@link io.mlcycle.trainer.TrainerFailure} with its
 * {@link io.mlcycle.trainer.ExitCode}, which {@code TrainerMain} turns into the process's exit.
 */
package io.mlcycle.trainer;
