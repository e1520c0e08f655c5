/**
 * The dataset, from URI to encoded rows: fetched with the runtime's artifact fetchers and hashed on the way,
 * parsed as CSV, each column typed (numeric when every value is a number, else categorical), categories coded in
 * sorted order, the target turned into class codes or numbers, and the rows split by a seeded shuffle.
 */
package io.mlcycle.trainer.data;
