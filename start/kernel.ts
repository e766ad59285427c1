/*
|--------------------------------------------------------------------------
| HTTP kernel file
|--------------------------------------------------------------------------
|
| Server middleware runs on every request, even when no route matches (so
| a 404 still carries its request id); router middleware runs only for
| requests with a matching route.
|
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/request_id_middleware'),
  () => import('#middleware/container_bindings_middleware'),
  () => import('@adonisjs/cors/cors_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('#middleware/storable_input_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
])

/**
 * `middleware.auth()` protects a route with the JWT guard (the default guard).
 * `middleware.idempotent()` (after `auth`) honours `Idempotency-Key` on a creating POST.
 */
export const middleware = router.named({
  auth: () => import('#middleware/auth_middleware'),
  idempotent: () => import('#middleware/idempotency_middleware'),
})
