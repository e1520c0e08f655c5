/**
 * Validation metrics computed from the model's own answers for the held-out rows: accuracy, ROC AUC, F1 and log
 * loss for classification; RMSE, MAE and R² for regression. Pure functions of numbers, tested against hand-computed
 * values.
 */
package io.mlcycle.trainer.metrics;
