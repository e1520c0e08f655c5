/** Scoring the model a retrain replaces (the champion) on the new data's validation rows, beside the new model. */
package io.mlcycle.trainer.champion;
