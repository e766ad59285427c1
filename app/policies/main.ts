/**
 * Every policy, by name, for the bouncer created per request (there is no generated barrel).
 */
export const policies = {
  UserPolicy: () => import('#policies/user_policy'),
  CatalogPolicy: () => import('#policies/catalog_policy'),
}
