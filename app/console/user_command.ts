import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { VineValidator } from '@vinejs/vine'
import { ProblemException } from '#exceptions/problem_exception'
import User from '#models/user'

export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

/**
 * Shared ground of the `user:*` operator commands: exit codes (0 done, 1 failed, 2 bad usage),
 * one-line errors instead of stack traces, and prompting only when a person is at the terminal.
 */
export abstract class UserCommand extends BaseCommand {
  static options: CommandOptions = { startApp: true }

  /** Where `--password-stdin` reads from; tests hand in their own stream. */
  stdin: NodeJS.ReadableStream = process.stdin

  /**
   * A person is there when stdin is a terminal; trapped prompts stand in for one in tests.
   */
  get interactive() {
    return process.stdin.isTTY === true || this.prompt.traps.prompts.size > 0
  }

  protected usageError(message: string) {
    this.logger.error(message)
    this.exitCode = EXIT_USAGE
  }

  protected failure(message: string) {
    this.logger.error(message)
    this.exitCode = EXIT_FAILURE
  }

  /**
   * Validates with the same VineJS rules as the API; the first problem becomes a usage error.
   */
  protected async check<T>(
    validator: VineValidator<any, any>,
    data: Record<string, unknown>
  ): Promise<T | undefined> {
    try {
      return (await validator.validate(data)) as T
    } catch (error) {
      const messages = (error as { messages?: { message: string }[] }).messages
      if (!messages?.length) throw error
      this.usageError(messages[0].message)
      return undefined
    }
  }

  protected async findUser(email: string) {
    const user = await User.findByEmail(email)
    if (!user) this.failure(`No user with email ${email}`)
    return user
  }

  /**
   * Runs an action of the shared services, turning their client errors into a failed exit.
   */
  protected async attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action()
    } catch (error) {
      if (error instanceof ProblemException) {
        this.failure(error.message)
        return undefined
      }
      throw error
    }
  }

  /**
   * The first line of standard input, for `--password-stdin`.
   */
  protected async readStdin() {
    let text = ''
    for await (const chunk of this.stdin) {
      text += chunk.toString()
    }
    return text.split(/\r?\n/)[0]
  }

  protected async askNewPassword() {
    const password = await this.prompt.secure('Password (12 characters or more)')
    const again = await this.prompt.secure('Repeat the password')
    if (password !== again) {
      this.usageError('The passwords do not match')
      return undefined
    }
    return password
  }
}
