/**
 * Our own CSV: one row per variant, the rows of a product consecutive. The first row of a
 * product carries the product columns (handle to attributes); the rows after it repeat the
 * handle and leave the product columns empty (or repeat them unchanged). A row may also carry
 * one image (image_url, image_alt), so a product's extra images ride on its variant rows or on
 * rows of their own with an empty sku. Tags are comma-separated; category is a `>` path;
 * attributes is a JSON object; money is a decimal with at most two decimals.
 */
export const CATALOG_CSV_COLUMNS = [
  'handle',
  'title',
  'description',
  'status',
  'brand',
  'category',
  'tags',
  'attributes',
  'sku',
  'variant_title',
  'option1_name',
  'option1_value',
  'option2_name',
  'option2_value',
  'option3_name',
  'option3_value',
  'price',
  'compare_at_price',
  'stock',
  'barcode',
  'weight_grams',
  'image_url',
  'image_alt',
] as const

export type CatalogCsvColumn = (typeof CATALOG_CSV_COLUMNS)[number]

export const CATALOG_CSV_PRODUCT_COLUMNS: readonly CatalogCsvColumn[] = [
  'title',
  'description',
  'status',
  'brand',
  'category',
  'tags',
  'attributes',
]

export const CATALOG_CSV_REQUIRED_COLUMNS: readonly CatalogCsvColumn[] = [
  'handle',
  'title',
  'sku',
  'price',
]
