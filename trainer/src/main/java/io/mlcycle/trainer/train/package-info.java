/**
 * The algorithms: XGBoost (trees or a linear booster) with xgboost4j 3.4.0, the release the runtime serves with, and
 * the built-in MLP with DJL on PyTorch, using the runtime's own block. Each reports progress lines while it trains and
 * answers the validation rows as the served model will.
 */
package io.mlcycle.trainer.train;
