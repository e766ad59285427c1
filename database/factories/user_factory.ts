import factory from '@adonisjs/lucid/factories'
import User from '#models/user'

export const DEFAULT_TEST_PASSWORD = 'correct horse battery staple'

/**
 * `UserFactory.apply('admin').create()`; every user's password is DEFAULT_TEST_PASSWORD.
 */
export const UserFactory = factory
  .define(User, ({ faker }) => ({
    email: `${faker.string.alphanumeric(10).toLowerCase()}@${faker.internet.domainName()}`,
    password: DEFAULT_TEST_PASSWORD,
    fullName: faker.person.fullName(),
    role: 'customer' as const,
    status: 'active' as const,
  }))
  .state('admin', (user) => (user.role = 'admin'))
  .state('editor', (user) => (user.role = 'editor'))
  .state('customer', (user) => (user.role = 'customer'))
  .state('disabled', (user) => (user.status = 'disabled'))
  .build()
